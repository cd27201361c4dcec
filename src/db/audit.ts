// Every moderator action is written here, inside the same transaction as the action itself.
import type { Prisma as PrismaNS } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';

export interface AuditEntry {
  guildId: string;
  actorId: string;
  action: string;
  target?: string | undefined;
  details?: PrismaNS.InputJsonValue | undefined;
}

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}

/** One action told to several servers, in one statement: a story merge reaches every server that had the story. */
export async function recordAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length) await tx.auditLog.createMany({ data: [...entries] });
}

export async function recentAudit(tx: Tx, guildId: string, limit = 20) {
  return tx.auditLog.findMany({ where: { guildId }, orderBy: { id: 'desc' }, take: limit });
}
