// The hostile corpus (test/helpers/hostile-corpus.ts) through the real pipeline and fetcher: every case ends as a
// refusal in words or as articles read, and nothing from a local file leaks. `npm run bench -- hostile` measures
// the same cases for time, main-thread blocking and memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createCpuPool, createFetcher, createPipeline, createSummarizer, type CpuRunner, type Pipeline } from '../../src/pipeline/orchestrator.js';
import { hostileCorpus, readHostileCase } from '../helpers/hostile-corpus.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';

// Inline, and in worker threads as the bot runs it (the same words must come back across the thread boundary).
describe.each(['inline', 'pooled'] as const)('the hostile corpus through the pipeline (%s)', (mode) => {
  const corpus = hostileCorpus();
  let server: TestHttpServer;
  let fetcher: ReturnType<typeof createFetcher>;
  let pipeline: Pipeline;
  let cpu: CpuRunner | undefined;

  beforeAll(async () => {
    server = await startHttpServer(corpus.routes);
    fetcher = createFetcher({ timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBytes: 5 << 20, maxRedirects: 5, perHost: 2, allowPrivateNetworks: true, allowFileUrls: false });
    cpu = mode === 'pooled' ? createCpuPool({ workers: 2, timeoutMs: 15_000, memoryMb: 128 }) : undefined;
    pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger, cpu });
  });
  afterAll(async () => {
    await cpu?.close();
    await fetcher.close();
    await server.close();
  });

  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', { timeout: 20_000 }, async (_name, c) => {
    const outcome = await readHostileCase(pipeline, server.origin, c);
    if ('refused' in c.expect) {
      expect(outcome.refused).toMatch(c.expect.refused);
    } else {
      expect(outcome.refused).toBeUndefined();
      if (c.expect.items !== 'any') expect(outcome.items).toBe(c.expect.items);
      if (c.expect.never) expect(outcome.text).not.toMatch(c.expect.never);
    }
  });
});
