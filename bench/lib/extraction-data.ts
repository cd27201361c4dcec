// Loads the article-extraction-benchmark pages (`html/<id>.html.gz`) and `ground-truth.json`, decoding each page's
// bytes the way a browser would settle on: a BOM wins; bytes that are valid UTF-8 are UTF-8 (a page that declares
// windows-1252 but holds only ASCII or UTF-8 reads the same, and real legacy bytes are almost never valid UTF-8);
// otherwise the charset the page declares, else windows-1252.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

export interface BenchPage {
  id: string;
  url: string;
  /** The page as stored (gzipped): decoded on demand so a run never holds every page's text at once. */
  gzipped: Buffer;
  truth: string;
}

export function pageHtml(page: BenchPage): string {
  return decodeHtml(gunzipSync(page.gzipped));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeHtml(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be');
  try {
    return utf8.decode(bytes);
  } catch {
    const head = bytes.subarray(0, 4096).toString('latin1');
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
    const charset = declared && iconv.encodingExists(declared) && !/^utf-?8$/.test(declared) ? declared : 'windows-1252';
    return iconv.decode(bytes, charset);
  }
}

export function loadExtractionBench(dir: string): BenchPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  const files = new Set(readdirSync(join(dir, 'html')));
  const pages: BenchPage[] = [];
  for (const [id, entry] of Object.entries(truth).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = `${id}.html.gz`;
    if (!files.has(file)) throw new Error(`Missing page html/${file} for a ground-truth entry.`);
    const gzipped = readFileSync(join(dir, 'html', file));
    pages.push({ id, url: entry.url ?? `https://example.invalid/${id}`, gzipped, truth: entry.articleBody ?? '' });
  }
  return pages;
}
