// A guild's own region definitions. The built-in defaults (src/pipeline/tag) apply where a guild has none; a guild
// row with no countries switches that default region off.
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { UserError } from '../errors.js';
import { ensureGuild, lockGuild } from './guilds.js';
import type { Tx } from './tx.js';

export interface RegionOverride {
  slug: string;
  name: string;
  countries: string[];
}

export async function regionOverrides(tx: Tx, guildId: string): Promise<RegionOverride[]> {
  return tx.guildRegion.findMany({ where: { guildId }, select: { slug: true, name: true, countries: true }, orderBy: { slug: 'asc' } });
}

/**
 * A server's own regions (not the built-in ones it redefines). Every story is matched against each of the server's
 * regions and `/config show` lists them: a bound like the routes' (maxRoutesPerGuild), far above what a server uses.
 */
export const maxCustomRegionsPerGuild = 25;

/** Defines or changes a region; `builtInSlugs`: the built-in regions, which a server may redefine beyond the cap. */
export async function setRegion(prisma: Prisma, guildId: string, actorId: string, region: RegionOverride, builtInSlugs: readonly string[]) {
  return prisma.$transaction(async (tx) => {
    // Under the guild's lock: two new regions at once cannot both pass the count.
    await lockGuild(tx, guildId);
    const exists = await tx.guildRegion.findUnique({ where: { guildId_slug: { guildId, slug: region.slug } }, select: { slug: true } });
    if (!exists && !builtInSlugs.includes(region.slug)) {
      const custom = await tx.guildRegion.count({ where: { guildId, slug: { notIn: [...builtInSlugs] } } });
      if (custom >= maxCustomRegionsPerGuild) {
        throw new UserError('limit', `This server has ${maxCustomRegionsPerGuild} regions of its own, the most it may have. Remove one first with \`/config region\` and no countries (\`/config show\` lists them).`);
      }
    }
    const saved = await tx.guildRegion.upsert({
      where: { guildId_slug: { guildId, slug: region.slug } },
      create: { guildId, ...region },
      update: { name: region.name, countries: region.countries },
    });
    await recordAudit(tx, { guildId, actorId, action: 'region.set', target: `region:${region.slug}`, details: { countries: region.countries } });
    return saved;
  });
}

export async function resetRegion(prisma: Prisma, guildId: string, actorId: string, slug: string) {
  return prisma.$transaction(async (tx) => {
    // The audit entry needs the server's row: this may be the first thing a new server does.
    await ensureGuild(tx, guildId);
    const removed = await tx.guildRegion.deleteMany({ where: { guildId, slug } });
    await recordAudit(tx, { guildId, actorId, action: 'region.reset', target: `region:${slug}` });
    return removed.count > 0;
  });
}

/** What in a guild names a region: sources (their default region or filter), routes (their region or filter), follows. */
export interface RegionUses {
  sourceIds: number[];
  routeIds: number[];
  /** Members following it (alerts never match it once it is gone; members change their follows, not moderators). */
  followers: number;
}

/**
 * A guild's own region that the built-in ones do not define, removed: refused while a source or a route names it
 * (their filters included), since those would silently stop matching (a filter requiring it posts nothing, excluding it
 * excludes nothing). `filterNames` says whether a stored filter names the region (src/pipeline/filter).
 */
export async function removeRegion(prisma: Prisma, guildId: string, actorId: string, region: { slug: string; /** as the reply shows it (escaped) */ name: string }, filterNames: (filter: string) => boolean) {
  return prisma.$transaction(async (tx) => {
    // Sources and routes are added and edited under the same lock, and check the regions they name again under it
    // (requireRegionsStillDefined): none can start naming the region between this check and the delete.
    await lockGuild(tx, guildId);
    const { slug } = region;
    const [sources, routes, followers] = await Promise.all([
      tx.source.findMany({ where: { guildId, OR: [{ region: slug }, { filter: { contains: slug } }] }, select: { id: true, region: true, filter: true }, orderBy: { id: 'asc' } }),
      tx.route.findMany({ where: { guildId, OR: [{ kind: 'region', value: slug }, { filter: { contains: slug } }] }, select: { id: true, kind: true, value: true, filter: true }, orderBy: { id: 'asc' } }),
      tx.follow.findMany({ where: { guildId, kind: 'region', value: slug }, distinct: ['userId'], select: { userId: true } }),
    ]);
    const uses: RegionUses = {
      sourceIds: sources.filter((s) => s.region === slug || (s.filter !== null && filterNames(s.filter))).map((s) => s.id),
      routeIds: routes.filter((r) => (r.kind === 'region' && r.value === slug) || (r.filter !== null && filterNames(r.filter))).map((r) => r.id),
      followers: followers.length,
    };
    if (uses.sourceIds.length || uses.routeIds.length) throw new UserError('conflict', inUseMessage(region.name, uses));
    await tx.guildRegion.deleteMany({ where: { guildId, slug } });
    await recordAudit(tx, { guildId, actorId, action: 'region.remove', target: `region:${slug}`, details: { followers: uses.followers } });
    return uses;
  });
}

/** A server's own region that a new or changed source or route names, as the reply shows its name (escaped). */
export interface NamedRegion {
  slug: string;
  name: string;
}

/**
 * Under the guild's lock, which the caller holds (lockGuild): the server's own regions a source or route is about to
 * name are still defined. The command checked them before the lock, seconds earlier for `/source add` (it reads the
 * feed first), and removeRegion may have run since: the source would then name a region nothing defines, matching
 * nothing, which that removal refuses to allow. Built-in regions are never removed, so callers pass only the server's own.
 */
export async function requireRegionsStillDefined(tx: Tx, guildId: string, regions: readonly NamedRegion[]): Promise<void> {
  if (!regions.length) return;
  const defined = await tx.guildRegion.findMany({ where: { guildId, slug: { in: regions.map((r) => r.slug) }, NOT: { countries: { isEmpty: true } } }, select: { slug: true } });
  const gone = regions.filter((r) => !defined.some((d) => d.slug === r.slug));
  if (!gone.length) return;
  const one = gone.length === 1;
  const names = gone.map((r) => `**${r.name}**`).join(' and ');
  throw new UserError(
    'not-found',
    `The region${one ? '' : 's'} ${names} ${one ? 'was' : 'were'} removed from this server (\`/config region\`) while your command ran. Nothing was changed: \`/config show\` lists the regions there are now, or define ${one ? 'it' : 'them'} again with \`/config region\`.`,
  );
}

/** "sources #3, #7 and 2 more": the noun agrees with the ids, whose count is not written. */
function listed(one: string, many: string, ids: number[]): string {
  const shown = ids.slice(0, 5).map((id) => `#${id}`).join(', ');
  return `${ids.length === 1 ? one : many} ${shown}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;
}

function inUseMessage(name: string, uses: RegionUses): string {
  const users = [uses.sourceIds.length ? listed('source', 'sources', uses.sourceIds) : '', uses.routeIds.length ? listed('route', 'routes', uses.routeIds) : ''].filter(Boolean).join(' and ');
  const how = [uses.sourceIds.length ? '`/source edit` (region or filter) or `/source remove`' : '', uses.routeIds.length ? '`/route remove`' : ''].filter(Boolean).join(' and ');
  // One source or route "uses its region"; several "use their".
  const one = uses.sourceIds.length + uses.routeIds.length === 1;
  const [verb, their, them] = one ? ['uses', 'its', 'it'] : ['use', 'their', 'them'];
  return `${users.charAt(0).toUpperCase()}${users.slice(1)} still ${verb} the region **${name}** (as ${their} region or in a filter), and would silently stop matching without it. Change ${them} first with ${how}, then remove the region. Nothing was changed.`;
}
