// Sites that asked Gazette to wait (429 or 503 with Retry-After on a page, 429 on a feed), by host. Held in a
// process's memory, the wait was forgotten by a restart and never known to a second process on the same PostgreSQL
// server: each asked the site again at once and learnt the wait again, the hammering Retry-After asks us not to do.
import type { Prisma } from './client.js';
import type { Tx } from './tx.js';

/**
 * Records that `host` asked to be left alone until `until`. A wait already recorded that ends later stands: two
 * processes learning one site's wait at once keep the longer.
 */
export async function recordSiteWait(tx: Tx, host: string, until: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "SiteWait" ("host", "until") VALUES (${host}, ${until})
    ON CONFLICT ("host") DO UPDATE SET "until" = GREATEST("SiteWait"."until", EXCLUDED."until")`;
}

/** Until when each of `hosts` asked to be left alone, for those whose wait is not over at `now`. */
export async function siteWaits(tx: Tx, hosts: readonly string[], now: Date): Promise<Map<string, Date>> {
  if (!hosts.length) return new Map();
  const rows = await tx.$queryRaw<{ host: string; until: Date }[]>`
    SELECT "host", "until" FROM "SiteWait" WHERE "host" = ANY(${[...new Set(hosts)]}::text[]) AND "until" > ${now}`;
  return new Map(rows.map((r) => [r.host, r.until]));
}

/** Forgets waits over before `before` (the daily maintenance): they hold nothing back any more. */
export async function pruneSiteWaits(prisma: Prisma, before: Date): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "SiteWait" WHERE "until" < ${before}`;
}
