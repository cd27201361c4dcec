// Guild settings. A guild row is created on first use, so every other table can reference it.
import type { DigestFrequency, Guild } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import { recordAudit } from './audit.js';
import { clearDigestFailures } from './digests.js';
import type { Tx } from './tx.js';

/**
 * The server's row, made on its first use. Prisma's upsert reads, then inserts: a server's first two actions at once
 * both inserted, and the second failed on the key. ON CONFLICT waits for the other insert and leaves its row.
 */
export async function ensureGuild(tx: Tx, guildId: string) {
  await insertGuildRow(tx, guildId);
  return tx.guild.findUniqueOrThrow({ where: { id: guildId } });
}

/** The server's row made if missing, for callers that need it to exist but not its settings. */
async function insertGuildRow(tx: Tx, guildId: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO "Guild" (id, "updatedAt") VALUES (${guildId}, ${new Date()}::timestamp) ON CONFLICT DO NOTHING`;
}

/**
 * The server's row, made if need be and locked until the transaction ends: one limited add at a time per server, so
 * that two at once cannot both pass a count of what it has (sources, routes).
 */
export async function lockGuild(tx: Tx, guildId: string): Promise<void> {
  await insertGuildRow(tx, guildId);
  // NO KEY UPDATE: it serialises these adds all the same, without blocking the key-share locks every vote, post and
  // stored story of the server takes on this row (FOR UPDATE held them all up for the add's length).
  await tx.$queryRaw`SELECT 1 FROM "Guild" WHERE id = ${guildId} FOR NO KEY UPDATE`;
}

/** The server's moderator role, read only (autocomplete asks on every keystroke: no write). */
export async function moderatorRoleOf(tx: Tx, guildId: string): Promise<string | null> {
  return (await tx.guild.findUnique({ where: { id: guildId }, select: { moderatorRoleId: true } }))?.moderatorRoleId ?? null;
}

export interface GuildSettingsPatch {
  moderatorRoleId?: string | null;
  timezone?: string;
  digestChannelId?: string | null;
  digestFrequency?: DigestFrequency | null;
  digestTime?: string | null;
  submissionsNeedApproval?: boolean;
  reviewChannelId?: string | null;
  /** Where source alerts go (src/db/source-alerts.ts); null turns them off. */
  logChannelId?: string | null;
  /** ISO 639-1 code posts are written in (`/config language`). */
  language?: string;
}

/**
 * Changes the server's settings. A change worked out from the settings as they are (keep the digest time unless one is
 * given) is a function of the current row, run under the server's lock in the same transaction as the write: read in a
 * transaction of its own, another moderator's change landing between the read and the write was undone by it.
 */
export async function updateGuildSettings(prisma: Prisma, guildId: string, actorId: string, change: GuildSettingsPatch | ((current: Guild) => GuildSettingsPatch)) {
  return prisma.$transaction(async (tx) => {
    await lockGuild(tx, guildId);
    const patch = typeof change === 'function' ? change(await tx.guild.findUniqueOrThrow({ where: { id: guildId } })) : change;
    const guild = await tx.guild.update({ where: { id: guildId }, data: patch });
    // A moderator changing where or when the digest goes has most likely fixed what made Discord refuse it (a deleted
    // channel, a lost permission): the refused period is tried again (today's, if its time has come) and /config show
    // stops warning about the old channel.
    if ('digestChannelId' in patch || 'digestTime' in patch || 'digestFrequency' in patch) await clearDigestFailures(tx, guildId);
    await recordAudit(tx, { guildId, actorId, action: 'config.update', details: { ...patch } });
    return guild;
  });
}

/** The language a guild's posts are written in ('en' for a guild Gazette has not stored yet). */
export async function guildLanguage(tx: Tx, guildId: string): Promise<string> {
  const guild = await tx.guild.findUnique({ where: { id: guildId }, select: { language: true } });
  return guild?.language ?? 'en';
}

export async function guildsWithDigests(tx: Tx) {
  // Not a server Gazette was removed from: its digest would be refused (markGuildLeft).
  return tx.guild.findMany({ where: { digestChannelId: { not: null }, digestFrequency: { not: null }, digestTime: { not: null }, leftAt: null } });
}

/**
 * Gazette was removed from the server (not an outage): stories are no longer planned there, and its posts waiting to
 * be made that were never tried are dropped (each would be refused; one tried may have been made, and stays for its
 * retry to find). Settings, sources, stories and votes stay for when it is invited back. Returns the posts dropped.
 */
export async function markGuildLeft(prisma: Prisma, guildId: string, now: Date): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const marked = await tx.guild.updateMany({ where: { id: guildId, leftAt: null }, data: { leftAt: now } });
    if (marked.count === 0) return 0;
    await tx.delivery.updateMany({ where: { guildId, editDueAt: { not: null } }, data: { editDueAt: null } });
    return (await tx.delivery.deleteMany({ where: { guildId, status: 'pending', claimedAt: null, attempts: 0, messageId: null } })).count;
  });
}

/** Gazette is in these servers (invited back, or found there at start): their stories are planned again. */
export async function markGuildsPresent(prisma: Prisma, guildIds: readonly string[]): Promise<number> {
  if (guildIds.length === 0) return 0;
  // One array parameter: a bot in 70,000 servers passed Prisma's limit of parameters with one each.
  return prisma.$executeRaw`UPDATE "Guild" SET "leftAt" = NULL WHERE id = ANY(${[...guildIds]}::text[]) AND "leftAt" IS NOT NULL`;
}

/**
 * At login, when this process runs every shard: the servers with sources that are not among those Gazette is in were
 * left while it was stopped (the gateway lists every server it is in, reachable or not). Marked as markGuildLeft
 * marks them; returns them.
 */
export async function markGuildsLeftExcept(prisma: Prisma, present: readonly string[], now: Date): Promise<string[]> {
  const absent = await prisma.$queryRaw<{ id: string }[]>`
    SELECT g.id FROM "Guild" g WHERE g."leftAt" IS NULL AND g.id <> ALL(${[...present]}::text[])
      AND EXISTS (SELECT 1 FROM "Source" s WHERE s."guildId" = g.id)`;
  for (const { id } of absent) await markGuildLeft(prisma, id, now);
  return absent.map((g) => g.id);
}
