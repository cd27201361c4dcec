// Two stories that turn out to be one: a landslide on a highway and evacuations nearby start apart (two posts), then
// several outlets report them together, and Gazette merges the two stories (ADR 5). Through the real pipeline, story
// model, database and Discord stand-in: the second post is edited into a link to the kept story's post, nothing is
// posted twice, and the audit log names Gazette.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAttemptFailed } from '../../src/db/outbox.js';
import { mergeStories } from '../../src/db/story-edits.js';
import { rebuildCentroid } from '../../src/pipeline/dedupe/story-choice.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { StoredMessage } from '../helpers/discord/index.js';
import { startNewsSite, type NewsSite, type SiteArticle } from '../helpers/news-site.js';

const storyIdOf = (m: StoredMessage) => Number(/Story #(\d+)/.exec(m.data.embeds[0]!.footer!.text)![1]);

const landslide =
  'A landslide closed the Tbilisi–Batumi highway near the Rikoti pass on Monday. Road crews with bulldozers worked through the night to clear mud and boulders from both lanes. Trucks queued for kilometres at Zestaponi while the roads department said the highway would reopen on Tuesday.';
const floods =
  'Rescuers evacuated two hundred residents from villages in Imereti after the Kvirila river burst its banks. Families spent the night in schools in Chiatura, and the emergency service said more rain is expected. Houses and bridges were damaged.';
const roundups = [
  'Landslide shuts Rikoti pass highway as Imereti villages are evacuated',
  'Kvirila floods force Imereti evacuations as landslide closes Rikoti pass',
  'Imereti villages evacuated, Tbilisi–Batumi highway shut by landslide',
  'Western Georgia storms: Imereti evacuations and a Rikoti landslide',
  'Storms in western Georgia close the Rikoti pass and flood Imereti villages',
];

describe('stories that converge', () => {
  let t: TestBot;
  let site: NewsSite;
  const at = (minutes: number) => new Date(Date.now() - 3_600_000 + minutes * 60_000);
  const item = (slug: string, title: string, text: string, minutes: number): SiteArticle => ({ slug, title, text, published: at(minutes), fullInFeed: true });

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Caucasus Wire');
    await t.followFeed(site.feedUrl);
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
  });

  it('merges them into the older story when later reports show them to be one: the post is edited, not doubled', async () => {
    site.items = [item('floods', 'Rains force evacuations in Imereti villages', floods, 2), item('landslide', 'Landslide closes the Tbilisi–Batumi highway near Rikoti pass', landslide, 1)];
    await t.pollNow();
    const posts = () => t.discord.messages(t.channels.news, { includeEphemeral: false });
    await t.discord.waitFor(() => (posts().length === 2 ? true : undefined), 5000, 'two posts');
    const [first, second] = posts() as [StoredMessage, StoredMessage];
    const [kept, merged] = [storyIdOf(first), storyIdOf(second)].sort((a, b) => a - b) as [number, number];
    expect(kept).not.toBe(merged);

    // Each outlet's own text (the same facts in its order, its own last line), so none is a duplicate of another.
    const text = (i: number) => `${i % 2 ? `${floods} ${landslide}` : `${landslide} ${floods}`} Report ${i + 1} of the day.`;
    site.items = [...roundups.map((title, i) => item(`roundup-${i}`, title, text(i), 10 + i)), ...site.items];
    await t.pollNow();
    await t.deliver();
    // The older story's post shows the merged story; the other post links to it instead of showing it a second time
    // (with a second set of vote buttons); no third post was made for the roundups.
    await t.discord.waitFor(() => (posts().every((p) => storyIdOf(p) === kept) ? true : undefined), 5000, 'both posts to be the kept story');
    expect(posts()).toHaveLength(2);
    const keptPost = posts().find((p) => p.data.components?.length)!;
    const pointer = posts().find((p) => p !== keptPost)!;
    expect(keptPost.data.embeds[0]!.fields?.find((f) => f.name === 'Also covered by')?.value).toBeTruthy();
    expect(pointer.data.components ?? []).toEqual([]);
    expect(pointer.data.embeds[0]!.description).toBe(
      `Now one story with [this post](https://discord.com/channels/${t.guildId}/${t.channels.news}/${keptPost.id}): its outlets, votes, tags and discussion are there.`,
    );
    expect(await t.app.db.prisma.story.findUniqueOrThrow({ where: { id: merged } })).toMatchObject({ mergedIntoId: kept });
    expect(await t.app.db.prisma.article.count({ where: { storyId: kept } })).toBe(7);
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { action: 'story.merge' } });
    expect(audit.map((a) => [a.actorId, a.target])).toEqual([['gazette', `story:${merged}`]]);
    t.discord.assertNoViolations();
    t.discord.assertNothingCouldPing();
  });

  /**
   * A story posted in a new channel, and a second one planned there whose post is being sent (claimed) when the two
   * merge (`which` says which goes into which), then fails for now (Discord 500s), due again at `retryAt`; one round.
   */
  async function mergeWhileSending(name: string, which: (posted: number, sending: number) => { fromId: number; intoId: number }, retryAt: Date) {
    const db = t.app.db.prisma;
    const channel = t.discord.addChannel(t.guildId, { name, type: 'text' });
    const posts = () => t.discord.messages(channel, { includeEphemeral: false });
    const posted = await t.planPost(channel);
    await t.deliver();
    expect(posts()).toHaveLength(1);
    const sending = await t.planPost(channel);
    const row = await db.delivery.findFirstOrThrow({ where: { storyId: sending, channelId: channel } });
    await db.delivery.update({ where: { id: row.id }, data: { claimedBy: 'another-worker', claimedAt: new Date() } });
    await mergeStories(db, { guildId: t.guildId, actorId: t.users.admin, now: new Date(), ...which(posted, sending) }, rebuildCentroid);
    await markAttemptFailed(db, row.id, 'Discord answered 500', retryAt);
    await t.deliver();
    return { db, channel, posts, posted, sending, row };
  }

  it('a merged-away post waits for the kept story’s post in its channel rather than becoming a second copy of it', async () => {
    // The posted story merges into the one whose post is on its way.
    const { db, channel, posts, posted: away, sending: kept, row: keptRow } = await mergeWhileSending('merge-wait', (posted, sending) => ({ fromId: posted, intoId: sending }), new Date(Date.now() + 60_000));
    // Not redrawn as the kept story with its buttons: it would stay a second full post once the kept one is made.
    expect(storyIdOf(posts()[0]!)).toBe(away);
    const waiting = await db.delivery.findFirstOrThrow({ where: { storyId: away, channelId: channel } });
    expect(waiting.editDueAt!.getTime()).toBeGreaterThan(Date.now());

    await db.delivery.update({ where: { id: keptRow.id }, data: { nextAttemptAt: new Date() } });
    await db.delivery.update({ where: { id: waiting.id }, data: { editDueAt: new Date() } });
    await t.deliver();
    expect(posts()).toHaveLength(2);
    const [pointer, keptPost] = posts() as [StoredMessage, StoredMessage];
    expect(storyIdOf(keptPost)).toBe(kept);
    expect(pointer.data.components ?? []).toEqual([]);
    expect(pointer.data.embeds[0]!.description).toMatch(/^Now one story with \[this post\]\(https:\/\/discord\.com\/channels\/\d+\/\d+\/(\d+)\)/);
    expect(pointer.data.embeds[0]!.description).toContain(keptPost.id);
    t.discord.assertNoViolations();
  });

  it('does not post a merged-away story’s planned post where the kept story is posted already', async () => {
    // The story whose post is on its way merges into the posted one; its retry must not post the merged story again.
    const { db, posts, posted: kept, row } = await mergeWhileSending('merge-retry', (posted, sending) => ({ fromId: sending, intoId: posted }), new Date());
    expect(posts()).toHaveLength(1);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'failed', lastError: `Merged into story #${kept}, which has its own post in this channel.` });
    t.discord.assertNoViolations();
  });
});
