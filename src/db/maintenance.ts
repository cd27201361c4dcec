// Housekeeping the embedded database needs done for it: PGlite runs no autovacuum, so without this its tables are
// never vacuumed and the planner never gets statistics. On a PostgreSQL server it is harmless and cheap.
import type { Prisma } from './client.js';

/** Forgets clustering lookup keys of articles older than the window: they can no longer be candidates. */
export async function pruneArticleKeys(prisma: Prisma, olderThan: Date): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "ArticleKey" WHERE "createdAt" < ${olderThan}`;
}

export async function vacuumAnalyze(prisma: Prisma): Promise<void> {
  // VACUUM cannot run inside a transaction; $executeRawUnsafe sends it on its own.
  await prisma.$executeRawUnsafe('VACUUM (ANALYZE)');
}
