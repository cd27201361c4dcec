// Role pings on routes (issue 11, ADR 15) through the real bot and the Discord stand-in: `/route add role: cooldown:
// filter:` refuses what must never be pinged, lists what it set, and a routed post mentions exactly its role —
// allowed_mentions naming only that role — once per cool-down; edits never ping again.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue, RecordedRequest } from '../helpers/discord/index.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const anaklia = `Georgia's government signed the contract for the Anaklia deep-sea port on the Black Sea coast on Monday, reviving a project stalled for six years.

The port near Zugdidi is meant to handle container ships too large for Poti and Batumi, and officials in Tbilisi say it will make Georgia the main gateway between Europe and Central Asia across the South Caucasus.

Construction of the first berth is expected to take three years. Economists in Tbilisi said the project depends on rail links through the region being upgraded at the same time.`;

describe('role pings on routes', () => {
  let t: TestBot;
  let site: NewsSite;
  let feedId: number;
  let caucasusRole: string;
  let quietRole: string;
  const seeds = seedTexts();

  async function run(user: string, command: string, options: Record<string, OptionValue> = {}) {
    const handle = t.discord.slash(t.guildId, user, t.channels.news, command, options);
    await handle.settled({ timeoutMs: 25_000 });
    return handle.originalMessage()?.data.content ?? '';
  }
  /** The bodies of the posts Gazette sent to a channel (a text channel's messages, a forum's new posts). */
  function postBodies(channelId: string): Record<string, unknown>[] {
    const posts = t.discord.requests.filter((r: RecordedRequest) => r.method === 'POST' && (r.path === `/channels/${channelId}/messages` || r.path === `/channels/${channelId}/threads`));
    return posts.map((r) => {
      const body = r.body as Record<string, unknown>;
      return (r.path.endsWith('/threads') ? body.message : body) as Record<string, unknown>;
    });
  }
  async function publish(slug: string, title: string, text: string) {
    site.items.unshift({ slug, title, text, published: new Date(), fullInFeed: true });
    await t.pollNow(feedId);
  }

  beforeAll(async () => {
    t = await startTestBot({ voteEditDelayMs: 500 }); // a vote's edit of the post after 0.5 s, not the default 3
    site = await startNewsSite('Al Jazeera');
    caucasusRole = t.discord.addRole(t.guildId, { name: 'South Caucasus', mentionable: true });
    quietRole = t.discord.addRole(t.guildId, { name: 'Quiet readers' });
    feedId = await t.followFeed(site.feedUrl);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('refuses @everyone, managed roles and a cool-down without a role in plain words, and lists what it set', async () => {
    const to = { channel: t.channels.caucasus, region: 'South Caucasus' };
    const mistakes: [Record<string, OptionValue>, RegExp][] = [
      [{ ...to, role: t.guildId }, /^A route cannot mention @everyone: every member would be notified/],
      [{ ...to, role: t.discord.guild(t.guildId)!.botRoleId }, /^The role \*\*.+\*\* is managed by an integration \(a bot or server boosts\)/],
      [{ ...to, cooldown: 30 }, /^A cool-down is the time between two mentions of a role: give `role` too/],
      [{ ...to, role: caucasusRole, filter: 'country:Narnia' }, /^Gazette does not know the country "Narnia"/],
    ];
    for (const [options, expected] of mistakes) expect(await run(t.users.admin, 'route add', options)).toMatch(expected);
    expect(await t.app.db.prisma.route.count()).toBe(0);

    expect(await run(t.users.admin, 'route add', { ...to, role: caucasusRole, cooldown: 120, filter: 'Caucasus or country:Azerbaijan -Football' })).toBe(
      `Route #1: from now on, stories in **South Caucasus** are also posted to <#${t.channels.caucasus}>, only those matching \`caucasus or country:AZ -football\`, mentioning <@&${caucasusRole}> at most every 2 hours.`,
    );
    // A role nobody may mention: accepted, with a word on why Discord would not notify anyone.
    const forum = await run(t.users.admin, 'route add', { channel: t.channels.forum, region: 'South Caucasus', role: quietRole });
    expect(forum).toMatch(new RegExp(`^Route #2: .* mentioning <@&${quietRole}> at most every 60 minutes\\.\\nNote: <@&${quietRole}> is not mentionable`));
    expect(await run(t.users.admin, 'route list')).toBe(
      `2 routes:\n**#1** stories in **South Caucasus** → <#${t.channels.caucasus}> · only those matching \`caucasus or country:AZ -football\` · mentioning <@&${caucasusRole}> at most every 2 hours\n` +
        `**#2** stories in **South Caucasus** → <#${t.channels.forum}> · mentioning <@&${quietRole}> at most every 60 minutes`,
    );
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { action: 'route.add' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.details)).toEqual([
      { kind: 'region', value: 'south-caucasus', channelId: t.channels.caucasus, filter: 'caucasus or country:AZ -football', roleId: caucasusRole, pingCooldownMinutes: 120 },
      { kind: 'region', value: 'south-caucasus', channelId: t.channels.forum, roleId: quietRole, pingCooldownMinutes: 60 },
    ]);
    // Replies show role mentions but never ping.
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('judges mentions in the route’s channel: a role nobody may mention is pinged there only on a moderator’s own right', async () => {
    // Gazette may mention every role in #announcements (an overwrite there), not in #news where the command is typed.
    const botRole = t.discord.guild(t.guildId).botRoleId;
    const announcements = t.discord.addChannel(t.guildId, { name: 'announcements', type: 'text', permissionOverwrites: [{ id: botRole, type: 'role', allow: PermissionFlagsBits.MentionEveryone }] });
    const to = { channel: announcements, tag: 'energy', role: quietRole };
    expect(await run(t.users.admin, 'route add', to)).toBe(
      `<@&${quietRole}> is not mentionable, and you cannot mention it in <#${announcements}> yourself (Mention @everyone, @here and All Roles), so Gazette will not mention it for you. Make the role mentionable, or ask someone who may.`,
    );
    expect(await t.app.db.prisma.route.count({ where: { channelId: announcements } })).toBe(0);
    // A moderator who may mention every role sets it up, and is not told that nobody will be notified.
    const chief = t.discord.addMember(t.guildId, { username: 'chief', permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.MentionEveryone });
    const added = await run(chief, 'route add', to);
    expect(added).toMatch(new RegExp(`^Route #\\d+: .* mentioning <@&${quietRole}> at most every 60 minutes\\.$`));
    await run(chief, 'route remove', { route: Number(/^Route #(\d+)/.exec(added)![1]) });
  });

  it('refuses a plain member, changing nothing', async () => {
    expect(await run(t.users.alice, 'route add', { channel: t.channels.asia, region: 'South Caucasus', role: caucasusRole })).toMatch(/^Only moderators can do that/);
    expect(await t.app.db.prisma.route.count({ where: { channelId: t.channels.asia } })).toBe(0);
  });

  it('mentions exactly the route’s role with the post, once per cool-down, and never in edits', async () => {
    await publish('caucasus', "The South Caucasus is slipping from Russia's grasp", seeds.aljazeera);
    const [pinged] = postBodies(t.channels.caucasus);
    expect(pinged).toMatchObject({ content: `<@&${caucasusRole}>` });
    expect(pinged!.allowed_mentions).toEqual({ parse: [], roles: [caucasusRole] });
    const [forumPost] = postBodies(t.channels.forum);
    expect(forumPost).toMatchObject({ content: `<@&${quietRole}>` });
    expect(forumPost!.allowed_mentions).toEqual({ parse: [], roles: [quietRole] });
    // The source's own channel has no route: its post mentions nobody.
    const [plain] = postBodies(t.channels.news);
    expect(plain!.content).toBeUndefined();
    expect(plain!.allowed_mentions).toEqual({ parse: [] });
    // Whatever a post could notify is exactly its route's role, nothing else; the quiet role is shown, not notified:
    // it is not mentionable and Gazette may not mention everyone there (as its reply to /route add said).
    const notifying = t.discord.mentionChecks.filter((c) => c.couldPing || c.pings.length);
    expect(notifying.map((c) => c.pings)).toEqual([[`<@&${caucasusRole}>`], []]);

    // Within the two hours' cool-down: posted, mentioning nobody.
    await publish('cop29', 'Azerbaijan opens COP29 in Baku', fixtureText('cop29-baku.txt'));
    const second = postBodies(t.channels.caucasus)[1]!;
    expect(second.content).toBeUndefined();
    expect(second.allowed_mentions).toEqual({ parse: [] });
    expect(t.discord.messages(t.channels.caucasus, { includeEphemeral: false }).map((m) => m.data.embeds[0]?.title)).toEqual([
      "The South Caucasus is slipping from Russia's grasp",
      'Azerbaijan opens COP29 in Baku',
    ]);

    // A vote redraws the pinged post: the edit sends no content and allows no mention, so nobody is notified again.
    const post = t.discord.messages(t.channels.caucasus, { includeEphemeral: false })[0]!;
    const storyId = Number(/Story #(\d+)/.exec(post.data.embeds[0]!.footer!.text)![1]);
    await t.discord.button(post.data.id, t.users.alice, `vote:${storyId}:4`).settled();
    const edit = await t.discord.waitFor(
      () => t.discord.requests.find((r) => r.method === 'PATCH' && r.path === `/channels/${t.channels.caucasus}/messages/${post.data.id}`),
      8000,
      'the post to be edited',
    );
    expect(edit.body).not.toHaveProperty('content');
    expect((edit.body as Record<string, unknown>).allowed_mentions).toEqual({ parse: [] });
    expect(t.discord.message(post.data.id)!.data.content).toBe(`<@&${caucasusRole}>`);

    // Once the cool-down is over, the next routed story mentions the role again.
    await t.app.db.prisma.route.updateMany({ where: { roleId: caucasusRole }, data: { lastPingAt: new Date(Date.now() - 3 * 3_600_000) } });
    await publish('anaklia', 'Georgia starts building the Anaklia deep-sea port', anaklia);
    expect(postBodies(t.channels.caucasus).map((b) => b.content ?? null)).toEqual([`<@&${caucasusRole}>`, null, `<@&${caucasusRole}>`]);
    // Over everything Gazette sent: three messages could notify anyone, each only its route's role (the quiet one
    // allowed, but not notified: see above).
    const couldPing = t.discord.mentionChecks.filter((c) => c.couldPing);
    expect(couldPing.map((c) => [c.allowedMentions, c.pings])).toEqual(
      expect.arrayContaining([
        [{ parse: [], roles: [caucasusRole] }, [`<@&${caucasusRole}>`]],
        [{ parse: [], roles: [quietRole] }, []],
      ]),
    );
    expect(couldPing.filter((c) => JSON.stringify(c.allowedMentions).includes(caucasusRole))).toHaveLength(2);
    expect(couldPing).toHaveLength(3);
    t.discord.assertNoViolations();
  });

  it('lists as many routes as fit in one message, then says how many more there are', async () => {
    const filter = `${'caucasus or '.repeat(20)}country:AZ`;
    await t.app.db.prisma.route.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ guildId: t.guildId, kind: 'topic' as const, value: `topic-${i}`, channelId: t.channels.asia, filter, roleId: quietRole })),
    });
    const list = await run(t.users.admin, 'route list');
    const lines = list.split('\n');
    expect(lines[0]).toBe('42 routes:');
    expect(list.length).toBeLessThanOrEqual(2000);
    const shown = lines.filter((l) => l.startsWith('**#')).length;
    expect(shown).toBeGreaterThan(2);
    expect(lines.at(-1)).toBe(`…and ${42 - shown} more.`);
    await t.app.db.prisma.route.deleteMany({ where: { channelId: t.channels.asia } });
  });
});
