// The outbox. A delivery row (story → guild channel) exists before any message is sent, so a crash or restart
// can neither drop a story nor post it twice: workers claim rows, post with the row's nonce, and record the
// message id; an edit is requested by setting `editDueAt`, and edits are coalesced until it is due.
import type { Prisma } from './client.js';
import { planStorySql, type GuildPlan } from './delivery-sql.js';
import { lockPlannedRoutes, markRoutesPinged, matchingRoutes, type AudienceRoute } from './routes.js';
import type { TagInput } from './tags.js';
import type { Tx } from './tx.js';

export interface GuildView {
  /** The story's tags in this guild (countries, regions under the guild's definitions, topics, source tags). */
  tags: TagInput[];
  /** Region slugs under the guild's definitions, for routes. */
  regions: string[];
  /** ISO codes of the countries the story is tagged with here (its six most salient, less a tag the guild banned), for
   * country follows. */
  countries: string[];
  /**
   * Whether a source's or a route's filter lets this article through (src/pipeline/filter); absent: every one does.
   * A filtered article is still the guild's story (searchable), only not posted there.
   */
  admits?: (filter: string | null) => boolean;
}

/** Who follows a feed, loaded once per fetch rather than once per article. */
export interface FeedAudience {
  sources: { id: number; guildId: string; channelId: string; region: string | null; tags: string[]; filter: string | null; createdAt: Date }[];
  routes: Map<string, AudienceRoute[]>;
  regionOverrides: Map<string, { slug: string; name: string; countries: string[] }[]>;
  /** Guilds where members follow something: only their new stories are matched against follows (src/db/alerts.ts). */
  followingGuilds: Set<string>;
  /**
   * Each guild's banned tags, aliases included: a banned tag matches no route or follow (the post could not show it,
   * and moderators banning a topic do not want it routed or pinged for). Absent: none.
   */
  bannedTags?: Map<string, Set<string>>;
  /**
   * Each guild's tag names the pipeline still gives (a tag's former names: renamed, or merged into another) to the
   * name the tag has now, which a route made since names. Absent: none.
   */
  tagAliases?: Map<string, Map<string, string>>;
}

export async function loadAudience(tx: Tx, feedId: number): Promise<FeedAudience> {
  // Not a server Gazette was removed from: every post there would be refused (guilds.ts, markGuildLeft).
  const sources = await tx.source.findMany({ where: { feedId, paused: false, guild: { leftAt: null } }, select: { id: true, guildId: true, channelId: true, region: true, tags: true, filter: true, createdAt: true } });
  return audienceOf(tx, sources);
}

/**
 * The audience of an article a member shared: the channel it was shared in, as if a source there asked for it as
 * backfill (source id 0: pass `[0]` as backfillSourceIds), plus the guild's routes, so a share is planned as a polled
 * article is, except that its routes mention no role: a member's page must not let them notify a role of the server.
 */
export async function shareAudience(tx: Tx, guildId: string, channelId: string): Promise<FeedAudience> {
  const audience = await audienceOf(tx, [{ id: 0, guildId, channelId, region: null, tags: [], filter: null, createdAt: new Date(0) }]);
  const routes = new Map([...audience.routes].map(([guild, list]) => [guild, list.map((r) => ({ ...r, roleId: null }))]));
  return { ...audience, routes };
}

/**
 * The audience a stored story has now: each server that has it (not one Gazette left), with its sources that follow
 * a feed of the story's articles, or none (a member shared it there): whose tags a split sets again (ingest/retag.ts).
 */
export async function storyAudience(tx: Tx, storyId: number): Promise<FeedAudience> {
  const guildIds = (await tx.guildStory.findMany({ where: { storyId, guild: { leftAt: null } }, select: { guildId: true } })).map((g) => g.guildId);
  const feedIds = (await tx.article.findMany({ where: { storyId, feedId: { not: null } }, distinct: ['feedId'], select: { feedId: true } })).flatMap((a) => (a.feedId === null ? [] : [a.feedId]));
  const sources = await tx.source.findMany({
    where: { guildId: { in: guildIds }, feedId: { in: feedIds } },
    select: { id: true, guildId: true, channelId: true, region: true, tags: true, filter: true, createdAt: true },
  });
  const shared = guildIds.filter((g) => !sources.some((s) => s.guildId === g));
  return audienceOf(tx, [...sources, ...shared.map((guildId) => ({ id: 0, guildId, channelId: '', region: null, tags: [], filter: null, createdAt: new Date(0) }))]);
}

async function audienceOf(tx: Tx, sources: FeedAudience['sources']): Promise<FeedAudience> {
  const guildIds = [...new Set(sources.map((s) => s.guildId))];
  const [routes, regions, following, tagRows] = guildIds.length
    ? await Promise.all([
        tx.route.findMany({
          where: { guildId: { in: guildIds } },
          select: { id: true, guildId: true, kind: true, value: true, channelId: true, filter: true, roleId: true, pingCooldownMinutes: true, lastPingAt: true },
        }),
        tx.guildRegion.findMany({ where: { guildId: { in: guildIds } }, select: { guildId: true, slug: true, name: true, countries: true } }),
        tx.follow.findMany({ where: { guildId: { in: guildIds } }, distinct: ['guildId'], select: { guildId: true } }),
        tx.tag.findMany({ where: { guildId: { in: guildIds }, OR: [{ banned: true }, { NOT: { aliases: { isEmpty: true } } }] }, select: { guildId: true, name: true, aliases: true, banned: true } }),
      ])
    : [[], [], [], []];
  const group = <T extends { guildId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.guildId, [...(map.get(r.guildId) ?? []), r]);
    return map;
  };
  const bannedTags = new Map<string, Set<string>>();
  const tagAliases = new Map<string, Map<string, string>>();
  for (const t of tagRows) {
    if (t.banned) for (const name of [t.name, ...t.aliases]) bannedTags.set(t.guildId, (bannedTags.get(t.guildId) ?? new Set()).add(name));
    else for (const alias of t.aliases) tagAliases.set(t.guildId, (tagAliases.get(t.guildId) ?? new Map()).set(alias, t.name));
  }
  return { sources, routes: group(routes), regionOverrides: group(regions), followingGuilds: new Set(following.map((f) => f.guildId)), bannedTags, tagAliases };
}

export interface PlanInput {
  storyId: number;
  articleCreatedAt: Date;
  now: Date;
  audience: FeedAudience;
  /** Deliver to these sources even if the article predates them (`/source add … backfill`). */
  backfillSourceIds?: number[];
  /** The audience's sources were read in this transaction already (withSourcesNow, before the store wrote). */
  sourcesRead?: boolean | undefined;
  /** How each following guild sees the story; computed by the caller before the transaction. */
  views: Map<string, GuildView>;
  /** At most this many posts an hour in one channel (MAX_POSTS_PER_CHANNEL_HOUR); absent: no limit. */
  postsPerChannelHour?: number | undefined;
  /**
   * False when the article left the story's countries and topics as they were: the guilds that had the story have its
   * tags already, so only the guilds new to it get them (absent: true).
   */
  factsChanged?: boolean | undefined;
  /**
   * Only the guilds that do not have the story yet: for a story already stored (through another feed, or as
   * backfill), no article joined it, so the guilds that have it get no edit either.
   */
  newGuildsOnly?: boolean | undefined;
  /**
   * The article is news (an outlet just published it in a followed feed): a route's channel without a post of a story
   * the guild had gets one now (ADR 27). Not a backfill (old news) nor a member's share (members must not decide what
   * reaches a channel). Absent: false.
   */
  lateRoutes?: boolean | undefined;
}

export interface PlannedDelivery {
  deliveryId: number;
  guildId: string;
  channelId: string;
  action: 'post' | 'edit';
}

/** Sources whose guilds should hear about an article: items already in the feed when a guild subscribed are not
 * news to it (except the backfill it asked for). */
export function followersOf(audience: FeedAudience, articleCreatedAt: Date, backfillSourceIds: number[] = []) {
  return audience.sources.filter((s) => s.createdAt <= articleCreatedAt || backfillSourceIds.includes(s.id));
}

/**
 * The audience with its sources as they are now. A poll loads them once, and reads for up to two minutes: a source a
 * moderator removed, paused or moved meanwhile still had the rest of that poll's items posted as before. They are read
 * again, share-locked: a removal, pause or edit locks its source before its posts (sources.ts lockSource), so one
 * committed before is seen, and one coming after waits for this plan and then drops or moves what it queued. A store
 * reads them before it writes anything (storeArticle's `before`), so that it too locks sources before posts: one that
 * merged stories first held their posts while waiting here, and a removal deleting those posts deadlocked with it.
 */
export async function withSourcesNow(tx: Tx, audience: FeedAudience): Promise<FeedAudience> {
  const ids = audience.sources.flatMap((s) => (s.id ? [s.id] : []));
  if (!ids.length) return audience;
  const rows = await tx.$queryRaw<(FeedAudience['sources'][number] & { paused: boolean })[]>`
    SELECT id, "guildId", "channelId", region, tags, filter, "createdAt", paused FROM "Source" WHERE id = ANY(${ids}::int[]) ORDER BY id FOR SHARE`;
  const now = new Map(rows.filter((r) => !r.paused).map(({ paused: _paused, ...r }) => [r.id, r]));
  const same = (a: FeedAudience['sources'][number], b: FeedAudience['sources'][number] | undefined) =>
    !!b && a.channelId === b.channelId && a.region === b.region && a.filter === b.filter && a.tags.join('\u0000') === b.tags.join('\u0000');
  if (audience.sources.every((s) => !s.id || same(s, now.get(s.id)))) return audience;
  return { ...audience, sources: audience.sources.flatMap((s) => (!s.id ? [s] : now.has(s.id) ? [{ ...s, ...now.get(s.id)! }] : [])) };
}

/**
 * Routes whose in-memory lastPingAt is a ping this process planned but may not have committed: planning runs inside
 * the caller's transaction (storeArticle), which can be rolled back and run again after a deadlock or serialization
 * failure, and the retry then saw its own uncommitted ping as a cool-down and posted without the mention. Such a
 * route's last ping is read again under the lock before it is judged.
 */
const unconfirmedPings = new WeakSet<AudienceRoute>();

export async function planDeliveries(prisma: Prisma, input: PlanInput): Promise<PlannedDelivery[]> {
  if (!followersOf(input.audience, input.articleCreatedAt, input.backfillSourceIds).length) return [];
  return prisma.$transaction((tx) => planDeliveriesIn(tx, input));
}

/** planDeliveries inside a caller's transaction (storing an article and planning its posts commit together). */
export async function planDeliveriesIn(tx: Tx, given: PlanInput): Promise<PlannedDelivery[]> {
  let input = given.sourcesRead ? given : { ...given, audience: await withSourcesNow(tx, given.audience) };
  let sources = followersOf(input.audience, input.articleCreatedAt, input.backfillSourceIds);
  let guildIds = [...new Set(sources.map((s) => s.guildId))];
  if (input.newGuildsOnly && guildIds.length) {
    const had = await tx.guildStory.findMany({ where: { storyId: input.storyId, guildId: { in: guildIds } }, select: { guildId: true } });
    const old = new Set(had.map((g) => g.guildId));
    sources = sources.filter((s) => !old.has(s.guildId));
    guildIds = guildIds.filter((g) => !old.has(g));
  }
  if (!guildIds.length) return [];
  // Whether a guild sees the story for the first time is only known inside the statement, so each guild's channels
  // are worked out beforehand and the statement posts only to the guilds that are new (the others get an edit): one
  // round trip for every guild, instead of one and then two or three per guild.
  let plans = guildIds.map((guildId) => guildPlan(input, sources, guildId));
  if (plans.some((p) => p.routes.length)) {
    // The routes a poll loaded may have been removed since (it reads for minutes), and a role about to be pinged has
    // its cool-down judged by the ping last committed, not by this fetch's copy: the matched routes are read again,
    // locked until the plan commits (routes.ts lockPlannedRoutes), those gone left out.
    const pinging = plans.flatMap((p) => sameRoleRoutes(input.audience, p.plan.guildId, p.pinging));
    const locked = await lockPlannedRoutes(tx, plans.flatMap((p) => p.routes.map((r) => r.id)), pinging.map((r) => r.id));
    for (const r of pinging) {
      r.lastPingAt = locked.lastPing.get(r.id) ?? null;
      unconfirmedPings.delete(r);
    }
    const gone = new Set([...plans.flatMap((p) => p.routes), ...pinging].filter((r) => !locked.present.has(r.id)));
    if (gone.size) input = { ...input, audience: { ...input.audience, routes: new Map([...input.audience.routes].map(([guild, list]) => [guild, list.filter((r) => !gone.has(r))])) } };
    plans = guildIds.map((guildId) => guildPlan(input, sources, guildId));
  }
  const quota = input.postsPerChannelHour ? { postsPerHour: input.postsPerChannelHour } : undefined;
  // Tags come from the story's facts and the sources' default region and tags; with the facts unchanged and no
  // defaults, a guild that had the story has its tags (150 guilds of a shared feed: ~1,000 rows not looked up again).
  const retag = input.factsChanged !== false || sources.some((s) => s.tags.length > 0 || s.region !== null);
  const rows = await planStorySql(tx, input.storyId, plans.map((p) => p.plan), input.now, { quota, retag });
  const planned: PlannedDelivery[] = [];
  const pinged: AudienceRoute[] = [];
  for (const { plan, pinging } of plans) {
    const mine = rows.filter((r) => r.guildId === plan.guildId);
    // A route's role was pinged if its channel's post was created with that role.
    const created = mine.filter((r) => r.action === 'post');
    const mentioned = pinging.filter((r) => created.some((d) => d.channelId === r.channelId && plan.channels.some((c) => c.channelId === r.channelId && c.mentionRoleId === r.roleId)));
    // A role pinged through one route waits out the cool-down of every route of the guild that mentions it (all
    // locked above).
    pinged.push(...sameRoleRoutes(input.audience, plan.guildId, mentioned));
    planned.push(...mine.map((d) => ({ deliveryId: d.id, guildId: plan.guildId, channelId: d.channelId, action: d.action })));
  }
  await markRoutesPinged(tx, pinged.map((r) => r.id), input.now);
  // The audience is loaded once per fetch: the next story of this fetch must see the cool-down start too, once it is
  // known to be committed (the next planning reads it again under the lock; afterwards the copy holds).
  for (const r of pinged) {
    r.lastPingAt = input.now;
    unconfirmedPings.add(r);
  }
  return planned;
}

/** Whether a source's or route's filter in a guild lets the article through (a guild with no filters' view: yes). */
export function admittedIn(views: PlanInput['views'], guildId: string, filter: string | null): boolean {
  return views.get(guildId)?.admits?.(filter) ?? true;
}

/**
 * Where a guild posts the story if it is new there: its sources' channels and its matching routes', each filter
 * admitting the article, with the role of a route whose cool-down is over. The routes' channels are also where a
 * guild that had the story posts it now if it had not there, when the article is news (`lateRoutes`): an article
 * joining it gave it the route's region or tag.
 * Routes match the tags planning gives (countries, regions, topics, the sources' tags), never a member's: members
 * would otherwise decide what reaches a channel, and notify its role.
 */
function guildPlan(input: PlanInput, sources: FeedAudience['sources'], guildId: string): { plan: GuildPlan; pinging: AudienceRoute[]; routes: AudienceRoute[] } {
  const view: GuildView = input.views.get(guildId) ?? { tags: [], regions: [], countries: [] };
  const admits = (filter: string | null) => admittedIn(input.views, guildId, filter);
  const channels = new Map<string, string | null>();
  for (const s of sources) if (s.guildId === guildId && admits(s.filter)) channels.set(s.channelId, null);
  // A new source's backfill (old items that source asked for) is posted in its channel only: routes take news, and
  // their roles would be notified of old news as new (ADR 27).
  const news = sources.some((s) => s.guildId === guildId && s.createdAt <= input.articleCreatedAt);
  // A tag renamed or merged since matches routes by the name it has now too.
  const aliases = input.audience.tagAliases?.get(guildId);
  const tagNames = view.tags.flatMap((t) => [t.name, ...(aliases?.has(t.name) ? [aliases.get(t.name)!] : [])]);
  const routes = !news ? [] : matchingRoutes(input.audience.routes.get(guildId) ?? [], view.regions, tagNames).filter((r) => admits(r.filter));
  for (const r of routes) if (!channels.has(r.channelId)) channels.set(r.channelId, null);
  // A route's role is pinged with the post in its channel, unless it pinged within its cool-down.
  const pinging = routes.filter((r) => r.roleId && (!r.lastPingAt || unconfirmedPings.has(r) || input.now.getTime() - r.lastPingAt.getTime() >= r.pingCooldownMinutes * 60_000));
  // A role is mentioned once per story, whatever the number of its routes the story matches (planDeliveriesIn starts
  // the cool-down of all of them).
  const mentioned = new Set<string>();
  for (const r of pinging) {
    if (channels.get(r.channelId) || mentioned.has(r.roleId!)) continue;
    channels.set(r.channelId, r.roleId);
    mentioned.add(r.roleId!);
  }
  const routed = new Set(input.lateRoutes ? routes.map((r) => r.channelId) : []);
  return { plan: { guildId, tags: view.tags, channels: [...channels].map(([channelId, mentionRoleId]) => ({ channelId, mentionRoleId, routed: routed.has(channelId) })) }, pinging, routes };
}

/** The guild's routes that mention a role one of these routes mentions: a ping through one starts all their cool-downs. */
function sameRoleRoutes(audience: FeedAudience, guildId: string, routes: readonly AudienceRoute[]): AudienceRoute[] {
  const roles = new Set(routes.map((r) => r.roleId));
  return (audience.routes.get(guildId) ?? []).filter((r) => r.roleId !== null && roles.has(r.roleId));
}
