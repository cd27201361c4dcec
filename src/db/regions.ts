// A guild's own region definitions. The built-in defaults (src/pipeline/tag) apply where a guild has none; a guild
// row with no countries switches that default region off.
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { ensureGuild } from './guilds.js';
import type { Tx } from './tx.js';

export interface RegionOverride {
  slug: string;
  name: string;
  countries: string[];
}

export async function regionOverrides(tx: Tx, guildId: string): Promise<RegionOverride[]> {
  return tx.guildRegion.findMany({ where: { guildId }, select: { slug: true, name: true, countries: true }, orderBy: { slug: 'asc' } });
}

export async function setRegion(prisma: Prisma, guildId: string, actorId: string, region: RegionOverride) {
  return prisma.$transaction(async (tx) => {
    await ensureGuild(tx, guildId);
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
