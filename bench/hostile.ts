// `npm run bench -- hostile [--workers N]`: the hostile corpus (test/helpers/hostile-corpus.ts) through the real
// fetcher and pipeline, in this process with the bot's heap (256 MB, from npm run bench) and, as the bot runs it, the
// CPU stages in N worker threads (default: cores - 1, at least 1; 0 = on the main thread). Per case: wall time, the longest the
// main thread was blocked (event-loop delay, 10 ms resolution), peak RSS while it ran, and how it ended (the words a
// moderator would see, or how many articles were read). The corpus's server runs in this process too; serving is a
// few writes per case. Prints one JSON line.
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { silentLogger } from '../src/logger.js';
import { createCpuPool, createFetcher, createPipeline, createSummarizer } from '../src/pipeline/orchestrator.js';
import { hostileCorpus, readHostileCase } from '../test/helpers/hostile-corpus.js';
import { startHttpServer } from '../test/helpers/http-server.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { workers: { type: 'string', default: String(Math.max(1, availableParallelism() - 1)) } } });
  const workers = Number(values.workers);
  const cpu = workers > 0 ? createCpuPool({ workers, timeoutMs: 10_000, memoryMb: 128 }) : undefined;
  const corpus = hostileCorpus();
  const server = await startHttpServer(corpus.routes);
  const fetcher = createFetcher({ timeoutMs: 20_000, connectTimeoutMs: 10_000, maxBytes: 5 << 20, maxRedirects: 5, perHost: 2, allowPrivateNetworks: true, allowFileUrls: false });
  const pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger, cpu });
  const results: { case: string; ms: number; maxBlockedMs: number; peakRssMb: number; outcome: string }[] = [];
  for (const c of corpus.cases) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    delay.enable();
    const started = performance.now();
    const outcome = await readHostileCase(pipeline, server.origin, c);
    const ms = performance.now() - started;
    // A block shows when the loop runs again: give the sampler a turn before reading it.
    await new Promise((r) => setTimeout(r, 30));
    delay.disable();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    results.push({
      case: c.name,
      ms: Math.round(ms),
      maxBlockedMs: Math.round(delay.max / 1e6),
      peakRssMb: Math.round(peak / 2 ** 20),
      outcome: outcome.refused ? `refused: ${outcome.refused}` : `read ${outcome.items} article(s)`,
    });
  }
  await fetcher.close();
  await cpu?.close();
  await server.close();
  const worst = (key: 'ms' | 'maxBlockedMs' | 'peakRssMb') => Math.max(...results.map((r) => r[key]));
  process.stdout.write(`${JSON.stringify({ task: 'hostile', cases: results.length, worstMs: worst('ms'), worstBlockedMs: worst('maxBlockedMs'), worstPeakRssMb: worst('peakRssMb'), heapLimitMb: 256, workers, results })}\n`);
}
