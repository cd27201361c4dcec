// Posting as the outlet (issue 11, item 7) through the real bot and the Discord stand-in: `/config post-as-outlet`
// creates Gazette's own webhook in the channel (refused without Manage Webhooks), the next story is posted by that
// webhook under the outlet's name and icon with working buttons (a vote counts, the post is edited through the
// webhook), `off` deletes the webhook and posts as Gazette again, and a webhook deleted in Discord falls back too.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { DEFAULT_BOT_PERMISSIONS, type OptionValue, type StoredMessage } from '../helpers/discord/index.js';
import { articleFixture, joinStory } from '../helpers/fixtures.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const armenia = `Armenia's parliament adopted a new electoral code on Wednesday, lowering the threshold for parties to enter the National Assembly in Yerevan.

The code, debated for two years, also changes how votes from abroad are counted. Armenian opposition parties in Yerevan said the reform came too late for next year's vote.

Election observers said the new rules bring Armenia closer to the standards of the Council of Europe, of which it is a member.`;

const skiing = `Georgia's Gudauri ski resort opened its season two weeks early on Saturday after heavy snowfall in the Greater Caucasus, the resort's operator said in Tbilisi.

New lifts built over the summer can carry twice as many skiers, and hotels near the Jvari Pass reported full bookings for the New Year holidays.

Officials in Tbilisi hope winter tourism will bring more visitors from Armenia, Azerbaijan and the Gulf states this year.`

const vietnam = `The State Bank of Vietnam cut its refinancing rate by half a percentage point on Tuesday, the first cut in more than a year, as exports from Hanoi's factories slowed.

Economists in Ho Chi Minh City said the bank was trying to support lending to small manufacturers before the Lunar New Year, when demand for credit usually peaks.

The dong weakened slightly against the dollar after the announcement, and shares of Vietnamese banks rose on the Hanoi exchange.`;

describe('posting as the outlet through an application-owned webhook', () => {
  let t: TestBot;
  let site: NewsSite;
  let feedId: number;
  let noHooks: string;
  const seeds = seedTexts();

  async function run(user: string, options: Record<string, OptionValue>) {
    const handle = t.discord.slash(t.guildId, user, t.channels.news, 'config post-as-outlet', options);
    await handle.settled({ timeoutMs: 10_000 });
    return handle.originalMessage()?.data.content ?? '';
  }
  async function publish(slug: string, title: string, text: string): Promise<StoredMessage> {
    site.items.unshift({ slug, title, text, published: new Date(), fullInFeed: true });
    await t.pollNow(feedId);
    return t.discord.waitForMessage(t.channels.news, (m) => m.data.embeds[0]?.title === title);
  }
  const storyIdOf = (m: StoredMessage) => Number(/Story #(\d+)/.exec(m.data.embeds[0]!.footer!.text)![1]);

  beforeAll(async () => {
    t = await startTestBot({ voteEditDelayMs: 500 }); // a vote's edit of the post after 0.5 s, not the default 3
    site = await startNewsSite('Al Jazeera');
    // Gazette's role may manage webhooks, except in #no-hooks.
    const botRole = t.discord.guild(t.guildId).botRoleId;
    t.discord.setRolePermissions(t.guildId, botRole, DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageWebhooks);
    noHooks = t.discord.addChannel(t.guildId, { name: 'no-hooks', type: 'text', permissionOverwrites: [{ id: botRole, type: 'role', deny: PermissionFlagsBits.ManageWebhooks }] });
    feedId = await t.followFeed(site.feedUrl);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('refuses a channel where Gazette lacks Manage Webhooks, in words, creating nothing', async () => {
    const answer = await run(t.users.admin, { channel: noHooks, state: 'on' });
    expect(answer).toMatch(/^Gazette cannot post as the outlet in <#\d+>: it lacks Manage Webhooks there/);
    expect(t.discord.webhooks(noHooks)).toHaveLength(0);
    expect(await t.app.db.prisma.channelWebhook.count()).toBe(0);
    t.discord.assertNoViolations();
  });

  it('turns it on: Gazette creates its own webhook in the channel, stored and audited', async () => {
    expect(await run(t.users.admin, { channel: t.channels.news, state: 'on' })).toMatch(/posted under their outlet's name and icon/);
    const hooks = t.discord.webhooks(t.channels.news);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.application_id).toBe(t.discord.applicationId);
    const row = await t.app.db.prisma.channelWebhook.findUnique({ where: { channelId: t.channels.news } });
    expect(row).toMatchObject({ guildId: t.guildId, webhookId: hooks[0]!.id, token: hooks[0]!.token });
    const audit = await t.app.db.prisma.auditLog.findFirst({ where: { action: 'config.post-as-outlet' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorId: t.users.admin, target: t.channels.news, details: { state: 'on' } });
    // Turning it on again reuses the webhook rather than making a second one.
    await run(t.users.admin, { channel: t.channels.news, state: 'on' });
    expect(t.discord.webhooks(t.channels.news).map((h) => h.id)).toEqual([hooks[0]!.id]);
  });

  it('posts the next story through the webhook, as the outlet, with the same embed and buttons', async () => {
    const hook = t.discord.webhooks(t.channels.news)[0]!;
    const post = await publish('caucasus', "The South Caucasus is slipping from Russia's grasp", seeds.aljazeera);
    expect(post.data.webhook_id).toBe(hook.id);
    expect(post.data.author).toMatchObject({ id: hook.id, username: 'Al Jazeera' });
    expect(post.avatarUrl).toBe(`${site.origin}/favicon.ico`);
    expect(post.data.embeds[0]!.author?.name).toBe('Al Jazeera');
    expect(post.data.components).toHaveLength(2);
    const execute = t.discord.requests.find((r) => r.method === 'POST' && r.path === `/webhooks/${hook.id}/${hook.token}`)!;
    expect(execute.query.wait).toBe('true');
    expect((execute.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    const delivery = await t.app.db.prisma.delivery.findFirst({ where: { messageId: post.id } });
    expect(delivery).toMatchObject({ status: 'posted', webhookId: hook.id });
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('counts a vote clicked on the webhook post and edits the post through the webhook', async () => {
    const hook = t.discord.webhooks(t.channels.news)[0]!;
    const post = t.discord.messages(t.channels.news).find((m) => m.data.webhook_id === hook.id)!;
    const storyId = storyIdOf(post);
    const click = await t.discord.button(post.id, t.users.alice, `vote:${storyId}:4`).settled();
    expect((click.firstResponse!.data as { content?: string }).content).toMatch(/vote for story #\d+: \*\*4\*\*/);
    expect(await t.app.db.prisma.vote.findMany({ where: { storyId }, select: { userId: true, value: true } })).toEqual([{ userId: t.users.alice, value: 4 }]);
    await t.discord.waitFor(() => (t.discord.message(post.id)?.versions.length ?? 0) > 0, 8000, 'the webhook post to be edited');
    const edited = t.discord.message(post.id)!;
    expect(edited.data.embeds[0]!.fields?.find((f) => f.name === 'Significance')?.value).toMatch(/4\.0 \/ 5 from 1 vote/);
    expect(edited.data.author.username).toBe('Al Jazeera');
    // A request is recorded once answered, just after the message changed.
    const edits = await t.discord.waitFor(() => {
      const found = t.discord.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${post.id}`));
      return found.length ? found : undefined;
    }, 2000, 'the edit request');
    expect(edits.map((r) => r.path)).toEqual([`/webhooks/${hook.id}/${hook.token}/messages/${post.id}`]);
    expect(edits[0]!.status).toBe(200);
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  // A webhook post's name and icon cannot change. Reposted, an old story would jump to the channel's bottom as if new
  // and its thread lose the post it started from: the post stays, and says which outlet leads its story now.
  it('says which outlet leads a webhook post’s story once its lead article is split out, keeping the post, votes and thread', async () => {
    const hook = t.discord.webhooks(t.channels.news)[0]!;
    const post = t.discord.messages(t.channels.news).find((m) => m.data.webhook_id === hook.id)!;
    const storyId = storyIdOf(post);
    const contentOf = (r: { firstResponse?: { data: unknown } | null | undefined }) => String((r.firstResponse?.data as { content?: string } | undefined)?.content ?? '');
    await storeArticle(t.db.prisma, articleFixture({ title: 'Baku and Moscow fall out', summary: 'Relations between Azerbaijan and Russia sour.', sourceName: 'Al Arabiya', url: 'https://alarabiya.example/baku' }), joinStory(storyId), { now: new Date(), windowHours: 72 });
    const discuss = `discuss:${storyId}`;
    const thread = /<#(\d+)>/.exec(contentOf(await t.discord.button(post.id, t.users.alice, discuss).settled()))?.[1];
    expect(thread).toBeDefined();
    const lead = await t.db.prisma.article.findFirstOrThrow({ where: { storyId, sourceName: 'Al Jazeera' } });
    expect(contentOf(await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: lead.id }).settled())).toMatch(/^Moved article/);
    const edited = await t.discord.waitFor(() => {
      const m = t.discord.message(post.id);
      return m?.data.embeds[0]?.author?.name === 'Al Arabiya' ? m : undefined;
    }, 8000, 'the post to show its new lead');
    expect(edited.data.author.username).toBe('Al Jazeera');
    const fields = edited.data.embeds[0]!.fields ?? [];
    expect(fields[0]).toEqual({ name: 'Outlet', value: "This story is now Al Arabiya's report. The post went out under Al Jazeera's name, when its article led the story, and a post's name cannot change." });
    // Its votes and its thread are the story's, and stay with the post.
    expect(fields.find((f) => f.name === 'Significance')?.value).toMatch(/4\.0 \/ 5 from 1 vote/);
    expect(contentOf(await t.discord.button(post.id, t.users.bob, discuss).settled())).toBe(`Discussion of story #${storyId}: <#${thread}>`);
    // The article split out is a story of its own, posted under its own outlet's name, with nothing to explain.
    const own = await t.discord.waitForMessage(t.channels.news, (m) => m.id !== post.id && m.data.embeds[0]?.title === "The South Caucasus is slipping from Russia's grasp");
    expect(own.data.author.username).toBe('Al Jazeera');
    expect(own.data.embeds[0]!.fields?.some((f) => f.name === 'Outlet')).toBe(false);
    t.discord.assertNoViolations();
  });

  // A webhook notifies any role, mentionable or not: through it, a route's ping of a role Gazette itself could not
  // notify (the route's note said so) notified it.
  it('notifies a route’s role through the webhook only as Gazette’s own post would, and posts a member’s share as Gazette', async () => {
    expect(await run(t.users.admin, { channel: t.channels.caucasus, state: 'on' })).toMatch(/posted under their outlet's name and icon/);
    const hook = t.discord.webhooks(t.channels.caucasus)[0]!;
    const quiet = t.discord.addRole(t.guildId, { name: 'Quiet readers', mentionable: false });
    const route = await t.app.db.prisma.route.create({ data: { guildId: t.guildId, kind: 'region', value: 'south-caucasus', channelId: t.channels.caucasus, roleId: quiet } });
    await publish('electoral-code', 'Armenia adopts a new electoral code', armenia);
    const execute = await t.discord.waitFor(() => t.discord.requests.find((r) => r.method === 'POST' && r.path === `/webhooks/${hook.id}/${hook.token}`), 8000, 'the routed post');
    const body = execute.body as { content?: string; allowed_mentions?: unknown };
    expect(body.content).toBe(`<@&${quiet}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [] });
    await t.app.db.prisma.route.delete({ where: { id: route.id } });

    // A mentionable role is notified, also in a server this process has not cached (another process's shard): its
    // roles are asked of Discord.
    const loud = t.discord.addRole(t.guildId, { name: 'Loud readers', mentionable: true });
    const loudRoute = await t.app.db.prisma.route.create({ data: { guildId: t.guildId, kind: 'region', value: 'south-caucasus', channelId: t.channels.caucasus, roleId: loud } });
    const cache = t.app.bot.client.guilds.cache;
    const cached = cache.get(t.guildId)!;
    cache.delete(t.guildId);
    try {
      await publish('gudauri', 'Gudauri ski resort opens its season early', skiing);
      const executes = await t.discord.waitFor(() => {
        const found = t.discord.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${hook.id}/${hook.token}`);
        return found.length > 1 ? found : undefined;
      }, 8000, 'the second routed post');
      expect((executes.at(-1)!.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], roles: [loud] });
    } finally {
      cache.set(t.guildId, cached);
      await t.app.db.prisma.route.delete({ where: { id: loudRoute.id } });
    }

    // A member's share is posted as Gazette: as the outlet, it would carry the name the page gives itself.
    site.items.unshift({ slug: 'rate-cut', title: 'Vietnam’s central bank cuts its policy rate', text: vietnam, published: new Date() });
    const share = await t.discord.slash(t.guildId, t.users.alice, t.channels.caucasus, 'news submit', { url: `${site.origin}/article/rate-cut` }).settled({ timeoutMs: 20_000 });
    site.items.shift();
    expect(JSON.stringify(share.edits.at(-1)?.body ?? share.firstResponse?.data)).toMatch(/will be posted in/);
    // Delivered now, or once the channel's rate-limit bucket (the stand-in's headers) allows: a loaded machine's posts
    // above may have spent it.
    const post = await t.deliverUntil(() => t.discord.messages(t.channels.caucasus, { includeEphemeral: false }).find((m) => m.data.embeds[0]?.title === 'Vietnam’s central bank cuts its policy rate'), 'the shared story’s post');
    expect(post.data.webhook_id).toBeUndefined();
    expect(post.data.author.id).toBe(t.discord.botUserId);
    expect(await run(t.users.admin, { channel: t.channels.caucasus, state: 'off' })).toMatch(/posted by Gazette itself again/);
    t.discord.assertNoViolations();
  });

  it('turns it off: the webhook is deleted and the next story is Gazette’s own post', async () => {
    const hook = t.discord.webhooks(t.channels.news)[0]!;
    expect(await run(t.users.admin, { channel: t.channels.news, state: 'off' })).toMatch(/posted by Gazette itself again/);
    expect(t.discord.webhooks(t.channels.news)).toHaveLength(0);
    expect(t.discord.webhooks(t.channels.news, { includeDeleted: true }).map((h) => h.id)).toEqual([hook.id]);
    expect(await t.app.db.prisma.channelWebhook.count()).toBe(0);
    const post = await publish('cambodia', 'Cambodia accuses Thailand of shelling near the border', seeds.alarabiya);
    expect(post.data.webhook_id).toBeUndefined();
    expect(post.data.author.id).toBe(t.discord.botUserId);
    expect(post.data.components).toHaveLength(2);
    t.discord.assertNoViolations();
  });

  it('falls back to posting as Gazette when the webhook was deleted in Discord, and forgets it', async () => {
    await run(t.users.admin, { channel: t.channels.news, state: 'on' });
    const hook = t.discord.webhooks(t.channels.news)[0]!;
    t.discord.deleteWebhook(hook.id);
    // Two stories in one poll are claimed in one batch, both with the webhook: only the first tries it.
    const harvest = [
      'Winemakers in the Kakheti region of Georgia began this year’s grape harvest on Monday, weeks earlier than usual after a hot and dry summer.',
      'Growers said the early heat raised the sugar content of the Saperavi and Rkatsiteli grapes but cut the yield by about a fifth in some villages.',
      'The agriculture ministry expects around 300,000 tonnes to be picked and has promised subsidies to help small farmers sell to the large wineries.',
      'Exports of Georgian wine reached record levels last year, with China, Poland and Ukraine among the fastest-growing markets.',
    ].join('\n\n');
    site.items.unshift({ slug: 'harvest', title: 'Georgia’s grape harvest starts early after a hot summer', text: harvest, published: new Date(), fullInFeed: true });
    const post = await publish('cop29', 'Azerbaijan opens COP29 in Baku', fixtureText('cop29-baku.txt'));
    const other = await t.discord.waitForMessage(t.channels.news, (m) => m.data.embeds[0]?.title === 'Georgia’s grape harvest starts early after a hot summer');
    for (const p of [post, other]) {
      expect(p.data.webhook_id).toBeUndefined();
      expect(p.data.author.id).toBe(t.discord.botUserId);
    }
    expect(t.discord.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${hook.id}/${hook.token}` && r.status === 404)).toHaveLength(1);
    expect(await t.app.db.prisma.channelWebhook.count()).toBe(0);
    t.discord.assertNoViolations();
  });

  it('is for moderators only', async () => {
    expect(await run(t.users.alice, { channel: t.channels.news, state: 'on' })).toMatch(/^Only moderators can do that/);
  });

  it('says so when turning it off could not delete the webhook, answering before it asks Discord', async () => {
    expect(await run(t.users.admin, { channel: t.channels.asia, state: 'on' })).toMatch(/^New stories in/);
    const hook = t.discord.webhooks(t.channels.asia)[0]!;
    t.discord.failNext(`DELETE /webhooks/${hook.id}/${hook.token}`, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    const since = t.discord.requests.length;
    expect(await run(t.users.admin, { channel: t.channels.asia, state: 'off' })).toBe(
      `Stories in <#${t.channels.asia}> are posted by Gazette itself again, but Gazette could not delete its webhook there (Missing Permissions): delete it in the channel's settings (Integrations → Webhooks). Posts the webhook made stay, but their vote tally is no longer updated.`,
    );
    expect(await t.app.db.prisma.channelWebhook.count({ where: { channelId: t.channels.asia } })).toBe(0);
    expect(t.discord.webhooks(t.channels.asia).map((h) => h.id)).toEqual([hook.id]);
    // Deferred first: the REST call cannot make the interaction time out.
    const later = t.discord.requests.slice(since).map((r) => `${r.method} ${r.path}`);
    const deferred = later.findIndex((r) => /^POST \/interactions\/.*\/callback/.test(r));
    expect(deferred).toBeGreaterThanOrEqual(0);
    expect(deferred).toBeLessThan(later.indexOf(`DELETE /webhooks/${hook.id}/${hook.token}`));
    t.discord.assertNoViolations();
  });
});
