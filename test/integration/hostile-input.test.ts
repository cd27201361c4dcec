// The hostile corpus (test/helpers/hostile-corpus.ts) through the real pipeline and fetcher: every case ends as a
// refusal in words or as articles read, and nothing from a local file leaks. `npm run bench -- hostile` measures
// the same cases for time, main-thread blocking and memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createFetcher, createPipeline, createSummarizer, type Pipeline } from '../../src/pipeline/orchestrator.js';
import { hostileCorpus, readHostileCase } from '../helpers/hostile-corpus.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';

describe('the hostile corpus through the pipeline', () => {
  const corpus = hostileCorpus();
  let server: TestHttpServer;
  let fetcher: ReturnType<typeof createFetcher>;
  let pipeline: Pipeline;

  beforeAll(async () => {
    server = await startHttpServer(corpus.routes);
    fetcher = createFetcher({ timeoutMs: 10_000, connectTimeoutMs: 5_000, maxBytes: 5 << 20, maxRedirects: 5, perHost: 2, allowPrivateNetworks: true, allowFileUrls: false });
    pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger });
  });
  afterAll(async () => {
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
