// What members follow (`/follow`) and their alert settings. A follow belongs to the guild it was made in, so alerts
// only ever cover stories of guilds the member is in; settings (time zone, quiet hours, how often) are per member.
// Values arrive resolved by the caller: an ISO country code, a region slug, a tag name, or a keyword's words as the
// filter language reads them, joined as src/text/unspaced.ts joinWords does (matching is in ./alert-fanout.ts).
import { UserError } from '../errors.js';
import { isUnspacedRun } from '../text/unspaced.js';
import type { FollowKind } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { ensureGuild } from './guilds.js';
import type { Tx } from './tx.js';

// The enum's type for the rest of the bot, which does not import Prisma's client.
export type { FollowKind };

/** Follows per member per guild: enough to follow a region's countries and a few words, few enough to stay readable. */
export const maxFollowsPerGuild = 25;

export interface NewFollow {
  guildId: string;
  userId: string;
  kind: FollowKind;
  value: string;
  /** How the reply names it ("Georgia", "South Caucasus", `"gas deal"`), for the refusals written here. */
  label: string;
}

/**
 * What alert matching looks a keyword follow up by (src/db/alert-fanout.ts): its first word, or, for a run of a script
 * without spaces (found by its letters anywhere in a word, 北京 in 北京市), its first letter.
 */
export function keywordFirstWord(value: string): string {
  return isUnspacedRun(value) ? [...value][0]! : value.split(' ')[0]!;
}

export async function addFollow(prisma: Prisma, follow: NewFollow, now: Date) {
  const { guildId, userId, kind, value } = follow;
  return prisma.$transaction(async (tx) => {
    const guild = await ensureGuild(tx, guildId);
    if (!guild.followsEnabled) throw new UserError('forbidden', 'Moderators have turned personal alerts off in this server.');
    // The member's settings row is written first: it locks the member, so two quick /follow add cannot pass the cap
    // together. Following anything is also the member asking for DMs again after closing them.
    await reopenAlerts(tx, userId, now);
    const existing = await tx.follow.findUnique({ where: { guildId_userId_kind_value: { guildId, userId, kind, value } } });
    if (existing) throw new UserError('conflict', `You already follow ${follow.label} in this server.`);
    const count = await tx.follow.count({ where: { guildId, userId } });
    if (count >= maxFollowsPerGuild) {
      throw new UserError('limit', `You follow ${count} things in this server, the most Gazette keeps for one member. Remove one with \`/follow remove\` first.`);
    }
    return tx.follow.create({ data: { guildId, userId, kind, value, firstWord: kind === 'keyword' ? keywordFirstWord(value) : null } });
  });
}

/** Removes one of the member's follows (in `guildId` when given: `/follow remove`; anywhere: a DM's button). */
export async function removeFollow(prisma: Prisma, userId: string, followId: number, guildId?: string) {
  return prisma.$transaction(async (tx) => {
    const follow = await tx.follow.findUnique({ where: { id: followId } });
    if (!follow || follow.userId !== userId || (guildId !== undefined && follow.guildId !== guildId)) {
      throw new UserError('not-found', 'You do not follow that (any more). `/follow list` shows what you follow.');
    }
    await tx.follow.delete({ where: { id: followId } });
    return follow;
  });
}

export async function listFollows(tx: Tx, userId: string, guildId: string) {
  return tx.follow.findMany({ where: { guildId, userId }, orderBy: [{ kind: 'asc' }, { value: 'asc' }] });
}

/** The member's follows in these guilds (alert messages name what matched). */
export async function followsIn(tx: Tx, userId: string, guildIds: string[]) {
  return tx.follow.findMany({ where: { userId, guildId: { in: guildIds } }, orderBy: { id: 'asc' } });
}

export interface AlertSettings {
  timezone: string;
  quietStart: string | null;
  quietEnd: string | null;
  batchMinutes: number;
  dmClosed: boolean;
}

export const defaultAlertSettings: AlertSettings = { timezone: 'UTC', quietStart: null, quietEnd: null, batchMinutes: 60, dmClosed: false };

export async function alertSettings(tx: Tx, userId: string): Promise<AlertSettings> {
  const row = await tx.memberAlerts.findUnique({ where: { userId } });
  return row ? { timezone: row.timezone, quietStart: row.quietStart, quietEnd: row.quietEnd, batchMinutes: row.batchMinutes, dmClosed: row.dmClosed } : { ...defaultAlertSettings };
}

export interface AlertSettingsPatch {
  timezone?: string;
  /** Both or neither: null clears the quiet hours. */
  quiet?: { start: string; end: string } | null;
  batchMinutes?: number;
}

export async function updateAlertSettings(prisma: Prisma, userId: string, patch: AlertSettingsPatch, now: Date): Promise<AlertSettings> {
  const data = {
    ...(patch.timezone !== undefined && { timezone: patch.timezone }),
    ...(patch.quiet !== undefined && { quietStart: patch.quiet?.start ?? null, quietEnd: patch.quiet?.end ?? null }),
    ...(patch.batchMinutes !== undefined && { batchMinutes: patch.batchMinutes }),
  };
  await prisma.memberAlerts.upsert({ where: { userId }, create: { userId, ...data, updatedAt: now }, update: { ...data, dmClosed: false, updatedAt: now } });
  return alertSettings(prisma, userId);
}

/** Any /follow command: a member who closed their DMs is written to again (their pending alerts were dropped). */
export async function reopenAlerts(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.memberAlerts.upsert({ where: { userId }, create: { userId, updatedAt: now }, update: { dmClosed: false, updatedAt: now } });
}

export async function followsEnabled(tx: Tx, guildId: string): Promise<boolean> {
  return (await ensureGuild(tx, guildId)).followsEnabled;
}

/**
 * Moderators turn personal alerts on or off for the guild (`/config follows`). Off: nothing is matched or sent for
 * it, and stories already waiting through it are dropped (one a member follows in another server too stays owed
 * there); members' follows are kept for when it is turned on again.
 */
export async function setFollowsEnabled(prisma: Prisma, guildId: string, actorId: string, enabled: boolean) {
  return prisma.$transaction(async (tx) => {
    await ensureGuild(tx, guildId);
    await tx.guild.update({ where: { id: guildId }, data: { followsEnabled: enabled } });
    const dropped = enabled ? 0 : (await tx.pendingAlert.deleteMany({ where: { guildId } })).count;
    const follows = await tx.follow.count({ where: { guildId } });
    await recordAudit(tx, { guildId, actorId, action: 'config.update', details: { followsEnabled: enabled } });
    return { follows, dropped };
  });
}
