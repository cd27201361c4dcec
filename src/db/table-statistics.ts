// Keeps the planner's picture of fast-growing tables current. PGlite runs no autovacuum, and a server's looks once a
// minute; the bot knows when it added many rows, so it asks for the analysis itself, by autovacuum's own rule (50 rows
// and a tenth of the table since the last one). Two tables need it between nightly maintenances:
// - the outbox: a poll can plan thousands of posts at once (a story shared by many servers); until the table is
//   analysed again, PostgreSQL believes almost nothing is pending and claims due posts by reading and sorting every
//   pending row (5 ms a claim in the scale benchmark) instead of stopping at the first ten in index order (under 1 ms);
// - the stories and their lookup keys (db/articles.ts, as it stores them): the store's functions keep their plans for
//   the session (ADR 29), made at their first call; on a new installation that is on empty tables, and the plan
//   scanned every story until an analysis made the database plan again (13 ms a candidate query at 2,500 stories, 5 ms
//   re-planned; 24 and 3 at 20,000).
import type { Prisma } from './client.js';
import type { Logger } from '../logger.js';

export interface TableStatistics {
  /** Counts rows just added; starts an analysis in the background when enough have been since the last. */
  grew(rows: number): void;
  /** Resolves once no analysis is running (stopping waits for it). */
  idle(): Promise<void>;
}

export const analyzeAfter = (rowsAtLastAnalysis: number) => 50 + Math.ceil(rowsAtLastAnalysis / 10);

/**
 * `analyze` refreshes the statistics and returns how many rows the table now counts; `what` names it in the log. A
 * failed analysis only leaves the plans as they were (the next growth tries again); without a logger it is not told.
 */
export function tableStatistics(prisma: Prisma, logger: Logger | undefined, analyze: (prisma: Prisma) => Promise<number>, what: string): TableStatistics {
  let rowsAtLast = 0;
  let since = 0;
  let running: Promise<void> | undefined;
  return {
    grew(rows) {
      since += rows;
      if (running || since < analyzeAfter(rowsAtLast)) return;
      since = 0;
      running = analyze(prisma)
        .then((rows) => void (rowsAtLast = rows))
        .catch((error) => logger?.warn({ err: error }, `could not refresh the ${what} statistics`))
        .finally(() => (running = undefined));
    },
    idle: async () => {
      await running;
    },
  };
}
