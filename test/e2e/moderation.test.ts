// `/route`, `/config` and `/tags` through the real bot and the Discord stand-in: routing a region and a tag to more
// channels, validation messages for settings, region changes, and tag moderation that refreshes posts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gazetteActor } from '../../src/db/story-edits.js';
import { guildRegions } from '../../src/ingest/guild-views.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue, StoredMessage } from '../helpers/discord/index.js';
import { seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('/route, /config and /tags', () => {
  let t: TestBot;
  let site: NewsSite;
  let storyId: number;
  const seeds = seedTexts();

  async function run(user: string, command: string, options: Record<string, OptionValue> = {}) {
    const handle = t.discord.slash(t.guildId, user, t.channels.news, command, options);
    const record = await handle.settled({ timeoutMs: 25_000 });
    const message = handle.originalMessage();
    expect(message?.ephemeral).toBe(true);
    return { record, message, content: message?.data.content ?? '', embeds: message?.data.embeds ?? [] };
  }
  const audit = async () => (await t.app.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);
  const posts = (channel: string) => t.discord.messages(channel, { includeEphemeral: false });
  const tagsField = (m: StoredMessage) => m.data.embeds[0]?.fields?.find((f) => f.name === 'Tags')?.value ?? '';

  beforeAll(async () => {
    t = await startTestBot({ voteEditDelayMs: 500 }); // a member's tag shows on the post after 0.5 s, not the default 3
    site = await startNewsSite('Al Jazeera');
    const added = await run(t.users.admin, 'source add', { url: site.feedUrl, channel: t.channels.news });
    expect(added.content).toMatch(/^Added source #1/);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('routes a region and a tag to more channels: the next story is posted there too', async () => {
    const mistakes: [Record<string, OptionValue>, RegExp][] = [
      [{}, /^Give exactly one of `region` or `tag`/],
      [{ region: 'South Caucasus', tag: 'energy' }, /^Give exactly one of `region` or `tag`/],
      [{ region: 'Atlantis' }, /^This server has no region "Atlantis"/],
      [{ tag: '??' }, /^"\?\?" is not a tag/],
    ];
    for (const [options, expected] of mistakes) {
      expect((await run(t.users.admin, 'route add', { channel: t.channels.caucasus, ...options })).content).toMatch(expected);
    }
    expect((await run(t.users.alice, 'route add', { channel: t.channels.caucasus, region: 'South Caucasus' })).content).toMatch(/^Only moderators can do that/);
    expect(await t.app.db.prisma.route.count()).toBe(0);

    const byRegion = await run(t.users.admin, 'route add', { channel: t.channels.caucasus, region: 'the south caucasus' });
    expect(byRegion.content).toBe(`Route #1: from now on, stories in **South Caucasus** are also posted to <#${t.channels.caucasus}>.`);
    // "Azerbaijani" is the country tag `azerbaijan`.
    const byTag = await run(t.users.admin, 'route add', { channel: t.channels.asia, tag: 'Azerbaijani' });
    expect(byTag.content).toBe(`Route #2: from now on, stories tagged \`azerbaijan\` are also posted to <#${t.channels.asia}>.`);
    expect((await run(t.users.admin, 'route add', { channel: t.channels.asia, tag: 'AZ' })).content).toBe('That route already exists (route #2).');
    const list = await run(t.users.admin, 'route list');
    expect(list.content).toBe(
      `2 routes:\n**#1** stories in **South Caucasus** → <#${t.channels.caucasus}>\n**#2** stories tagged \`azerbaijan\` → <#${t.channels.asia}>`,
    );

    site.items.unshift({ slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date(), fullInFeed: true });
    await t.pollNow();
    for (const channel of [t.channels.news, t.channels.caucasus, t.channels.asia]) {
      const post = await t.discord.waitForMessage(channel, (m) => !m.ephemeral && m.data.embeds.length > 0, 10_000);
      expect(post.data.embeds[0]!.title).toBe("The South Caucasus is slipping from Russia's grasp");
    }
    storyId = Number(/Story #(\d+)/.exec(posts(t.channels.news)[0]!.data.embeds[0]!.footer!.text)![1]);

    expect((await run(t.users.admin, 'route remove', { route: 2 })).content).toBe(
      `Removed route #2: stories tagged \`azerbaijan\` no longer go to <#${t.channels.asia}> (posts already there stay).`,
    );
    expect((await run(t.users.admin, 'route remove', { route: 2 })).content).toBe('There is no route #2 in this server. `/route list` shows them.');
    expect((await audit()).filter((a) => a.startsWith('route.'))).toEqual(['route.add', 'route.add', 'route.remove']);
    t.discord.assertNoViolations();
  });

  it('validates settings in plain words and changes nothing on a mistake', async () => {
    const before = await t.app.db.prisma.guild.findUniqueOrThrow({ where: { id: t.guildId } });
    const auditBefore = (await audit()).length;
    const mistakes: [string, Record<string, OptionValue>, RegExp][] = [
      ['config timezone', { timezone: 'Mars/Olympus' }, /^"Mars\/Olympus" is not a time zone Gazette knows\. Use an IANA name such as Europe\/Berlin/],
      ['config digest', { schedule: 'daily', channel: t.channels.news, time: '25:00' }, /^"25:00" is not a time of day\. Write it as HH:MM on a 24-hour clock/],
      ['config digest', { schedule: 'daily', channel: t.channels.news, time: '7.30' }, /^"7\.30" is not a time of day/],
      ['config digest', { schedule: 'daily', timezone: 'Europe/Nowhere' }, /^"Europe\/Nowhere" is not a time zone/],
      ['config digest', { schedule: 'daily' }, /^Which channel should the digest go to\?/],
      ['config submissions', { approval: true }, /^Approval needs a review channel/],
      ['config moderator-role', { role: t.guildId }, /^@everyone cannot be the moderator role/],
      ['config region', { region: 'South Caucasus', countries: 'Georgia, AZ, Narnia, armenia, Atlantis' }, /^Gazette does not know these countries: "Narnia", "Atlantis"\. .*Nothing was changed\.$/],
      ['config region', { region: 'Caspian' }, /^This server has no region "Caspian" to restore/],
    ];
    for (const [command, options, expected] of mistakes) {
      expect((await run(t.users.admin, command, options)).content).toMatch(expected);
    }
    expect(await t.app.db.prisma.guild.findUniqueOrThrow({ where: { id: t.guildId } })).toEqual(before);
    expect(await t.app.db.prisma.guildRegion.count()).toBe(0);
    expect((await audit()).length).toBe(auditBefore);
    t.discord.assertNoViolations();
  });

  it('changes settings, regions and the moderator role, and /config show lists them', async () => {
    // No digest yet: the limits do not promise one.
    const before = Object.fromEntries((await run(t.users.admin, 'config show')).embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(before.Limits).toMatch(/more are not posted there: they stay searchable, and a digest would list them\)/);
    // The reply says whether this week's digest goes out at once (its time has passed), which depends on today's date.
    expect((await run(t.users.admin, 'config digest', { schedule: 'weekly', channel: t.channels.news, time: '7:30', timezone: 'asia/baku' })).content).toMatch(
      new RegExp(`^Digest: Mondays at 07:30 \\(Asia/Baku\\) in <#${t.channels.news}>, with the week’s most significant stories\\.( This week’s goes out within a minute\\.)?$`),
    );
    expect((await run(t.users.admin, 'config submissions', { approval: true, 'review-channel': t.channels.review })).content).toMatch(/now wait for a moderator’s approval in <#\d+>/);
    const widened = await run(t.users.admin, 'config region', { region: 'south caucasus', countries: 'Georgia, AZ, armenia, Turkey' });
    expect(widened.content).toBe('Region **South Caucasus** now covers Georgia (GE), Azerbaijan (AZ), Armenia (AM), Türkiye (TR). Stories from now on are tagged and routed by it.');
    expect((await guildRegions(t.app.db.prisma, t.guildId)).find((r) => r.slug === 'south-caucasus')?.countries).toEqual(['GE', 'AZ', 'AM', 'TR']);
    const created = await run(t.users.admin, 'config region', { region: 'Caspian', countries: 'az, KZ, tkm, Iran, Russia' });
    expect(created.content).toMatch(/^New region \*\*Caspian\*\* now covers Azerbaijan \(AZ\), Kazakhstan \(KZ\), Turkmenistan \(TM\), Iran \(IR\), Russia \(RU\)\./);
    expect((await run(t.users.admin, 'route add', { channel: t.channels.asia, region: 'caspian' })).content).toMatch(/stories in \*\*Caspian\*\* are also posted/);
    const restored = await run(t.users.admin, 'config region', { region: 'South Caucasus' });
    expect(restored.content).toBe('**South Caucasus** is back to its built-in countries: AM, AZ, GE.');

    // The moderator role: only Manage Server may set it; then its members moderate.
    expect((await run(t.users.editor, 'config show')).content).toMatch(/^Only moderators can do that/);
    expect((await run(t.users.admin, 'config moderator-role', { role: t.roles.editors })).content).toMatch(/^Members with the role <@&\d+> can now moderate/);
    const show = await run(t.users.editor, 'config show');
    const fields = Object.fromEntries(show.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({
      Moderators: `Members with Manage Server and the role <@&${t.roles.editors}>`,
      'Time zone': 'Asia/Baku',
      Digest: `Mondays at 07:30 (Asia/Baku) in <#${t.channels.news}>`,
      'Member submissions': `Need a moderator’s approval in <#${t.channels.review}>`,
      Sources: '1 · `/source list`',
      Routes: '2 of at most 100 · `/route list`',
      'Personal alerts': 'On: members may `/follow` and get DMs. `/config follows` turns them off.',
      'Posted as the outlet': 'Nowhere: Gazette posts as itself. `/config post-as-outlet` changes a channel.',
      'Regions changed': '**Caspian**: Azerbaijan, Kazakhstan, Turkmenistan, Iran, Russia',
    });
    expect((await run(t.users.editor, 'config digest', { schedule: 'off' })).content).toBe('The digest is off. `/config digest` turns it on again.');
    expect(await t.app.db.prisma.guild.findUniqueOrThrow({ where: { id: t.guildId } })).toMatchObject({ digestFrequency: null, digestChannelId: null, timezone: 'Asia/Baku' });
    expect((await audit()).filter((a) => a.startsWith('config.') || a.startsWith('region.'))).toEqual([
      'config.update',
      'config.update',
      'region.set',
      'region.set',
      'region.reset',
      'config.update',
      'config.update',
    ]);
    t.discord.assertNoViolations();
  });

  it('renames, merges and bans tags by their normalized names, and refreshes the posts', async () => {
    const tag = async (user: string, name: string) => (await run(user, 'tag add', { story: storyId, tag: name })).content;
    expect(await tag(t.users.alice, 'Zangezur corridor')).toMatch(/^Tagged story #\d+ with `Zangezur corridor`/);
    expect(await tag(t.users.bob, 'pipelines')).toMatch(/^Tagged story/);
    const post = posts(t.channels.news)[0]!;
    await t.discord.waitFor(() => tagsField(t.discord.message(post.data.id)!).includes('pipelines'), 10_000, 'the post to show the new tags');

    expect((await run(t.users.alice, 'tags ban', { tag: 'pipelines' })).content).toMatch(/^Only moderators can do that/);
    const renamed = await run(t.users.editor, 'tags rename', { tag: 'zangezur-corridor', to: 'Zangezur route' });
    expect(renamed.content).toBe('Renamed `Zangezur corridor` to `Zangezur route` on 1 story; the old name still finds it. 3 posts are being updated.');
    await t.discord.waitFor(() => tagsField(t.discord.message(post.data.id)!).includes('Zangezur route'), 10_000, 'the renamed tag on the post');

    const merged = await run(t.users.editor, 'tags merge', { from: 'Pipelines', into: 'zangezur route' });
    expect(merged.content).toMatch(/^Merged `pipelines` into `Zangezur route` \(0 stories moved, 1 already tagged `Zangezur route`\); `pipelines` now means `Zangezur route`\./);
    expect(await t.app.db.prisma.tag.findFirst({ where: { guildId: t.guildId, name: 'pipelines' } })).toBeNull();

    const route = await run(t.users.editor, 'route add', { channel: t.channels.asia, tag: 'Zangezur route' });
    const routeId = Number(/^Route #(\d+)/.exec(route.content)![1]);
    await t.app.db.prisma.follow.create({ data: { guildId: t.guildId, userId: t.users.bob, kind: 'tag', value: 'zangezur route' } });
    const banned = await run(t.users.editor, 'tags ban', { tag: '#ZangezurRoute' });
    expect(banned.content).toBe(
      `Banned the tag \`Zangezur route\`: removed from 1 story, and neither members nor Gazette can add it again. 3 posts are being updated. Route #${routeId} on it no longer sends stories anywhere (\`/route remove\` it); 1 member's follow of it no longer alerts them.`,
    );
    // A banned tag matches nothing: a route on it (by any of its names) is refused.
    expect((await run(t.users.editor, 'route add', { channel: t.channels.caucasus, tag: 'pipelines' })).content).toBe(
      'Moderators have banned the tag `Zangezur route` here, so no story carries it and a route on it would send nothing.',
    );
    await t.app.db.prisma.route.delete({ where: { id: routeId } }); // unaudited: the audit test below reads the ban as the last action
    await t.discord.waitFor(() => !tagsField(t.discord.message(post.data.id)!).includes('Zangezur'), 10_000, 'the banned tag to leave the post');
    // Its old names resolve to the banned tag.
    expect(await tag(t.users.alice, 'Zangezur corridor')).toBe('The tag "Zangezur corridor" is not allowed in this server.');
    expect(await tag(t.users.alice, 'pipelines')).toBe('The tag "pipelines" is not allowed in this server.');
    expect((await audit()).filter((a) => a.startsWith('tag.'))).toEqual(['tag.rename', 'tag.merge', 'tag.ban']);
    t.discord.assertNoViolations();
  });

  it('shows moderators what was changed, newest first, without mentioning anyone; members are refused', async () => {
    expect((await run(t.users.alice, 'config audit')).content).toMatch(/^Only moderators can do that/);
    const shown = await run(t.users.editor, 'config audit');
    const lines = shown.content.split('\n');
    expect(lines[0]).toMatch(/^Last \d+ moderator actions:$/);
    expect(lines[1]).toMatch(new RegExp(`^<t:\\d+:R> <@${t.users.editor}> \`tag\\.ban\` tag:zangezur route$`));
    expect(shown.content).toContain('`route.add`');
    // A settings change says what it set: handing out the moderator role does not read like any other change.
    expect(shown.content).toContain(`\`config.update\` moderatorRoleId <@&${t.roles.editors}>`);
    // A merge Gazette made by itself names Gazette, not a member.
    await t.app.db.prisma.auditLog.create({ data: { guildId: t.guildId, actorId: gazetteActor, action: 'story.merge', target: 'story:41', details: { into: 40, converged: true } } });
    expect((await run(t.users.editor, 'config audit')).content.split('\n')[1]).toMatch(/^<t:\d+:R> Gazette `story\.merge` story:41$/);
    // One a moderator of another server made (STORY_EDITS_ACROSS_SERVERS) does not name a stranger as if a member here.
    await t.app.db.prisma.auditLog.create({ data: { guildId: t.guildId, actorId: '200000000000000999', action: 'story.split', target: 'story:42', details: { article: 7, newStory: 43, server: '100000000000000999' } } });
    expect((await run(t.users.editor, 'config audit')).content.split('\n')[1]).toMatch(/^<t:\d+:R> a moderator of another server `story\.split` story:42$/);
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });
  // A server that banned the "Georgia" tag still alerted the members following Georgia, without a word in the reply,
  // and let members follow it again; a banned region's route already stopped posting, but was accepted when added.
  it('stops follows and routes on a banned country or region tag, names them, and refuses new ones', async () => {
    await t.app.db.prisma.follow.create({ data: { guildId: t.guildId, userId: t.users.bob, kind: 'country', value: 'GE' } });
    expect((await run(t.users.editor, 'tags ban', { tag: 'Georgia' })).content).toMatch(/^Banned the tag `Georgia`: removed from \d+ stor(?:y|ies), .* 1 member's follow of it no longer alerts them\.$/);
    expect((await run(t.users.alice, 'follow add', { kind: 'country', value: 'GE' })).content).toBe('Moderators have banned the tag `Georgia` here, so no story carries it.');

    const route = await t.app.db.prisma.route.create({ data: { guildId: t.guildId, kind: 'region', value: 'central-asia', channelId: t.channels.asia } });
    await t.app.db.prisma.follow.create({ data: { guildId: t.guildId, userId: t.users.alice, kind: 'region', value: 'central-asia' } });
    expect((await run(t.users.editor, 'tags ban', { tag: 'Central Asia' })).content).toMatch(new RegExp(`Route #${route.id} on it no longer sends stories anywhere \\(\`/route remove\` it\\); 1 member's follow of it no longer alerts them\\.$`));
    expect((await run(t.users.editor, 'route add', { channel: t.channels.caucasus, region: 'Central Asia' })).content).toBe(
      'Moderators have banned the tag `Central Asia` here, so no story carries it and a route on it would send nothing.',
    );
    expect((await run(t.users.bob, 'follow add', { kind: 'region', value: 'central-asia' })).content).toBe('Moderators have banned the tag `Central Asia` here, so no story carries it.');
    t.discord.assertNoViolations();
  });
  // Such a forum refuses every post Gazette makes, and a route's failures are shown nowhere: the route was accepted.
  it('refuses a forum that requires a tag and has only moderated ones, in words, for routes and sources', async () => {
    const forum = t.discord.addChannel(t.guildId, { name: 'staff-only', type: 'forum', requireTag: true, availableTags: [{ name: 'Staff picks', moderated: true }] });
    const refusal = `The forum <#${forum}> requires a tag on each post and has none Gazette may apply: turn off “Require tags when posting” there, or add a tag that is not moderated.`;
    expect((await run(t.users.editor, 'route add', { channel: forum, region: 'south-caucasus' })).content).toBe(refusal);
    expect((await run(t.users.editor, 'source add', { url: site.feedUrl, channel: forum })).content).toBe(refusal);
    const open = t.discord.addChannel(t.guildId, { name: 'open-forum', type: 'forum', requireTag: true, availableTags: [{ name: 'Staff picks', moderated: true }, { name: 'News' }] });
    expect((await run(t.users.editor, 'route add', { channel: open, region: 'south-caucasus' })).content).toMatch(/^Route #\d+/);
    t.discord.assertNoViolations();
  });

  // A ban could not be undone; and banning a merged-away name banned the tag it was merged into.
  it('unbans a tag, offers only banned ones, and bans a tag by its own name, not an old one', async () => {
    const storyId = (await t.app.db.prisma.guildStory.findFirstOrThrow({ where: { guildId: t.guildId } })).storyId;
    expect((await run(t.users.editor, 'tag add', { story: storyId, tag: 'Gas' })).content).toMatch(/^Tagged story/);
    expect((await run(t.users.editor, 'tag add', { story: storyId, tag: 'Energy' })).content).toMatch(/^Tagged story/);
    expect((await run(t.users.editor, 'tags merge', { from: 'gas', into: 'energy' })).content).toMatch(/^Merged `Gas` into `Energy`/);
    expect((await run(t.users.editor, 'tags ban', { tag: 'gas' })).content).toBe('`gas` now means the tag `Energy` (renamed or merged into it): to ban `Energy`, ban it by that name.');
    expect(await t.app.db.prisma.tag.findFirstOrThrow({ where: { guildId: t.guildId, name: 'energy' } })).toMatchObject({ banned: false });

    expect((await run(t.users.editor, 'tags ban', { tag: 'Energy' })).content).toMatch(/^Banned the tag `Energy`/);
    const offered = await t.discord.autocomplete(t.guildId, t.users.editor, t.channels.news, 'tags unban', { tag: 'ener' }, 'tag').firstResponse();
    expect((offered.data as { choices: { value: string }[] }).choices.map((c) => c.value)).toEqual(['energy']);
    // Not to a member: the command is a moderator's, and the banned tags are theirs to see.
    const toMember = await t.discord.autocomplete(t.guildId, t.users.alice, t.channels.news, 'tags unban', { tag: 'ener' }, 'tag').firstResponse();
    expect((toMember.data as { choices: unknown[] }).choices).toEqual([]);
    expect((await run(t.users.alice, 'tags unban', { tag: 'energy' })).content).toMatch(/^Only moderators can do that/);
    expect((await run(t.users.editor, 'tags unban', { tag: 'energy' })).content).toBe(
      'Unbanned the tag `Energy`: members and Gazette can tag stories with it again (a story it was removed from gets it back when another article joins it), and the routes and follows on it work again.',
    );
    expect((await run(t.users.editor, 'tags unban', { tag: 'energy' })).content).toBe('There is no banned tag "energy" in this server.');
    expect((await run(t.users.alice, 'tag add', { story: storyId, tag: 'energy' })).content).toMatch(/^Tagged story #\d+ with `Energy`/);
    expect((await audit()).filter((a) => a.startsWith('tag.')).slice(-3)).toEqual(['tag.merge', 'tag.ban', 'tag.unban']);
    t.discord.assertNoViolations();
  });
});
