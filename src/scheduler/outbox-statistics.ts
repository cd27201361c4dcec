// Keeps the planner's picture of the outbox current. A poll can plan thousands of posts at once (a story shared by
// many servers); until the table is analysed again, PostgreSQL believes almost nothing is pending and claims due
// posts by reading and sorting every pending row (5 ms a claim in the scale benchmark) instead of stopping at the first
// ten in index order (under 1 ms). A server's autovacuum looks once a minute, PGlite's never runs: the bot knows when it
// planned many rows, so it asks for the analysis itself, by autovacuum's own rule (50 rows and a tenth of the table).
import { analyzeOutbox } from '../db/maintenance.js';
import type { Prisma } from '../db/client.js';
import type { Logger } from '../logger.js';

export interface OutboxStatistics {
  /** Counts deliveries just planned; starts an analysis in the background when enough have been since the last. */
  planned(rows: number): void;
  /** Resolves once no analysis is running (stopping waits for it). */
  idle(): Promise<void>;
}

export const analyzeAfter = (rowsAtLastAnalysis: number) => 50 + Math.ceil(rowsAtLastAnalysis / 10);

export function outboxStatistics(prisma: Prisma, logger: Logger, analyze: (prisma: Prisma) => Promise<number> = analyzeOutbox): OutboxStatistics {
  let rowsAtLast = 0;
  let since = 0;
  let running: Promise<void> | undefined;
  return {
    planned(rows) {
      since += rows;
      if (running || since < analyzeAfter(rowsAtLast)) return;
      since = 0;
      running = analyze(prisma)
        .then((rows) => void (rowsAtLast = rows))
        .catch((error) => logger.warn({ err: error }, 'could not refresh the outbox statistics'))
        .finally(() => (running = undefined));
    },
    idle: async () => {
      await running;
    },
  };
}
