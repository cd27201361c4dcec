// End to end, as `npm run ingest` runs it (file: sources allowed for the paths typed): a feed whose item links are
// file: URLs never makes the bot read those files, and what it reports does not depend on whether they exist.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewSources } from '../../src/ingest/preview.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { testPipeline } from '../helpers/services.js';

const SECRET = 'root:x:0:0:TOP-SECRET-MARKER-7f3a';

// No channel <link>: relative item links resolve against the feed's own address.
const feed = (links: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>` +
  links
    .map((link, i) => `<item><title>Tbilisi and Baku resume railway talks, part ${i + 1}</title><link>${link}</link><description>Short teaser ${i + 1}.</description></item>`)
    .join('') +
  `<item><title>A link and nothing else</title><link>${links[0] ?? ''}</link></item></channel></rss>`;

describe('file: links inside a feed', () => {
  let dir: string;
  let secretUrl: string;
  let missingUrl: string;
  let server: TestHttpServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-file-links-'));
    writeFileSync(join(dir, 'secret.txt'), `${SECRET}\n`.repeat(50));
    secretUrl = pathToFileURL(join(dir, 'secret.txt')).toString();
    missingUrl = pathToFileURL(join(dir, 'missing.txt')).toString();
    server = await startHttpServer((req, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(feed([req.url === '/exists.xml' ? secretUrl : missingUrl]));
    });
    // A local feed file, read through a file: URL as if typed on the ingest command line, linking to its neighbour.
    writeFileSync(join(dir, 'local.xml'), feed(['secret.txt', secretUrl]));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The preview as JSON, with the one difference between the two feeds (which file they name) taken out. */
  async function preview(path: string, allowFileUrls: boolean): Promise<string> {
    const { fetcher, pipeline } = testPipeline({ allowFileUrls });
    try {
      const previews = await previewSources(pipeline, [`${server.origin}${path}`]);
      return JSON.stringify(previews).replaceAll(path, '/FEED').replaceAll(secretUrl, 'FILE').replaceAll(missingUrl, 'FILE');
    } finally {
      await fetcher.close();
    }
  }

  for (const allowFileUrls of [true, false]) {
    it(`reads no file and says the same whether it exists or not (file sources ${allowFileUrls ? 'on' : 'off'})`, async () => {
      const exists = await preview('/exists.xml', allowFileUrls);
      const missing = await preview('/missing.xml', allowFileUrls);
      expect(exists).not.toContain('TOP-SECRET-MARKER');
      expect(exists).not.toMatch(/does not exist|may not read|file:/i);
      expect(exists).toBe(missing);
      expect(JSON.parse(exists)[0].problems).toEqual([]);
    });
  }

  it('still reads a local feed typed by the user, but none of the files it links to', async () => {
    const { fetcher, pipeline } = testPipeline({ allowFileUrls: true });
    try {
      const previews = await previewSources(pipeline, [pathToFileURL(join(dir, 'local.xml')).toString()]);
      expect(previews[0]!.source.title).toBe('Hostile');
      const text = JSON.stringify(previews);
      expect(text).toContain('Tbilisi and Baku resume railway talks');
      expect(text).not.toContain('TOP-SECRET-MARKER');
      expect(previews[0]!.problems).toEqual([]);
    } finally {
      await fetcher.close();
    }
  });
});
