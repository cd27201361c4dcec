// Routes: "stories in this region / with this tag also go to that channel".
import { UserError } from '../errors.js';
import type { TagKind } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { lockGuild } from './guilds.js';
import { requireRegionsStillDefined, type NamedRegion } from './regions.js';
import { dropQueuedPostsOfRoute } from './queued-posts.js';
import { gazetteActor } from './story-edits.js';
import type { Tx } from './tx.js';

export interface NewRoute {
  kind: TagKind;
  value: string;
  channelId: string;
  /** The filter in its stored form (formatFilter). */
  filter?: string | null | undefined;
  /** A role mentioned with the routed posts, at most once per `pingCooldownMinutes`. */
  roleId?: string | null | undefined;
  pingCooldownMinutes?: number | undefined;
  /** The server's own regions the route and its filter name, checked again under the guild's lock (regions.ts). */
  regionsNamed?: readonly NamedRegion[] | undefined;
}

/**
 * Routes a server may have. Every stored article reads its servers' routes while its posts are planned, and one story
 * may go to every routed channel: a bound like the sources' (MAX_SOURCES_PER_GUILD), far above what a community uses.
 */
export const maxRoutesPerGuild = 100;

export async function addRoute(prisma: Prisma, guildId: string, actorId: string, route: NewRoute) {
  const { kind, value, channelId } = route;
  const extras = {
    ...(route.filter && { filter: route.filter }),
    ...(route.roleId && { roleId: route.roleId, ...(route.pingCooldownMinutes !== undefined && { pingCooldownMinutes: route.pingCooldownMinutes }) }),
  };
  return prisma.$transaction(async (tx) => {
    await lockGuild(tx, guildId);
    await requireRegionsStillDefined(tx, guildId, route.regionsNamed ?? []);
    if ((await tx.route.count({ where: { guildId } })) >= maxRoutesPerGuild) {
      throw new UserError('limit', `This server has ${maxRoutesPerGuild} routes, the most it may have. Remove one with \`/route remove\` first (\`/route list\` shows them).`);
    }
    const existing = await tx.route.findUnique({ where: { guildId_kind_value_channelId: { guildId, kind, value, channelId } } });
    if (existing) throw new UserError('conflict', `That route already exists (route #${existing.id}).`);
    const created = await tx.route.create({ data: { guildId, kind, value, channelId, ...extras } });
    await recordAudit(tx, { guildId, actorId, action: 'route.add', target: `route:${created.id}`, details: { kind, value, channelId, ...extras } });
    return created;
  });
}

export async function listRoutes(tx: Tx, guildId: string) {
  return tx.route.findMany({ where: { guildId }, orderBy: { id: 'asc' } });
}

export async function removeRoute(prisma: Prisma, guildId: string, actorId: string, routeId: number) {
  return prisma.$transaction(async (tx) => {
    const route = await tx.route.findFirst({ where: { id: routeId, guildId } });
    if (!route) throw new UserError('not-found', `There is no route #${routeId} in this server. \`/route list\` shows them.`);
    // Waits for a plan that matched this route (lockPlannedRoutes locks it FOR KEY SHARE), so the drop below finds its
    // post; a plan after it reads the route as gone.
    await tx.route.delete({ where: { id: route.id } });
    // Its queued posts (and their role mentions) would otherwise still go out after the moderator removed it.
    const droppedPosts = await dropQueuedPostsOfRoute(tx, route);
    await recordAudit(tx, {
      guildId,
      actorId,
      action: 'route.remove',
      target: `route:${route.id}`,
      details: { kind: route.kind, value: route.value, channelId: route.channelId, ...(route.roleId && { roleId: route.roleId }), ...(route.filter && { filter: route.filter }), droppedPosts },
    });
    return { ...route, droppedPosts };
  });
}

/** A route as delivery planning reads it. */
export interface AudienceRoute {
  id: number;
  kind: TagKind;
  value: string;
  channelId: string;
  filter: string | null;
  roleId: string | null;
  pingCooldownMinutes: number;
  lastPingAt: Date | null;
}

/** The routes that send a story somewhere, given its region slugs and tag names in this guild. */
export function matchingRoutes<R extends { kind: TagKind; value: string }>(routes: R[], regions: string[], tags: string[]): R[] {
  const regionSet = new Set(regions);
  const tagSet = new Set(tags);
  return routes.filter((r) => (r.kind === 'region' ? regionSet.has(r.value) : tagSet.has(r.value)));
}


/**
 * The matched routes read again, locked until the planning transaction ends (`present`: those that still exist), and
 * the last pings of those about to ping (`pingIds`) as committed now. The audience a fetch loaded can be minutes old:
 * a route removed meanwhile still got its stories and pinged its role after `/route remove` had dropped what it queued,
 * and two feeds of one guild planned at once each saw the other's ping as not made yet (the role pinged twice within
 * its cool-down). FOR KEY SHARE: a removal's DELETE waits for this plan, then drops its post, and a plan waiting on a
 * removal finds the route gone; plans do not block each other. The pinging routes FOR NO KEY UPDATE (only lastPingAt
 * is written, which key-share locks allow), in id order, so that two planners cannot deadlock. Sources are locked
 * before (deliveries.ts withSourcesNow), as a deleted channel's clean-up locks them (channel-gone.ts).
 */
export async function lockPlannedRoutes(tx: Tx, routeIds: number[], pingIds: number[]): Promise<{ present: Set<number>; lastPing: Map<number, Date | null> }> {
  const ping = new Set(pingIds);
  const read = [...new Set(routeIds)].filter((id) => !ping.has(id)).sort((a, b) => a - b);
  const shared = read.length ? await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Route" WHERE id = ANY(${read}::int[]) ORDER BY id FOR KEY SHARE` : [];
  const pinging = ping.size
    ? await tx.$queryRaw<{ id: number; lastPingAt: Date | null }[]>`
        SELECT id, "lastPingAt" FROM "Route" WHERE id = ANY(${[...ping].sort((a, b) => a - b)}::int[]) ORDER BY id FOR NO KEY UPDATE`
    : [];
  return { present: new Set([...shared, ...pinging].map((r) => r.id)), lastPing: new Map(pinging.map((r) => [r.id, r.lastPingAt])) };
}

/** Records that routes pinged their roles now (their cool-downs start), inside the planning transaction. */
export async function markRoutesPinged(tx: Tx, routeIds: number[], now: Date): Promise<void> {
  if (routeIds.length) await tx.route.updateMany({ where: { id: { in: routeIds } }, data: { lastPingAt: now } });
}

/**
 * A role deleted in Discord: routes mentioning it mention nobody now, and posts waiting with its mention go without it
 * (they showed "@deleted-role", once a cool-down, for good), audited as Gazette's. The routes ids changed.
 */
export async function roleDeleted(prisma: Prisma, guildId: string, roleId: string): Promise<number[]> {
  return prisma.$transaction(async (tx) => {
    const routes = (await tx.route.findMany({ where: { guildId, roleId }, select: { id: true } })).map((r) => r.id);
    if (!routes.length) return [];
    await tx.route.updateMany({ where: { id: { in: routes } }, data: { roleId: null } });
    await tx.delivery.updateMany({ where: { guildId, mentionRoleId: roleId, status: 'pending' }, data: { mentionRoleId: null } });
    await recordAudit(tx, { guildId, actorId: gazetteActor, action: 'role.deleted', target: `role:${roleId}`, details: { routes } });
    return routes;
  });
}
