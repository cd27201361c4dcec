// An article page in each language of the regions (issue 12): three sentences naming two countries and a date as
// that language prints it, fetched, parsed, extracted, summarized and tagged by the real pipeline. The page must be
// read as an article with both countries, a region, a summary of whole sentences and the date the page gives.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageTexts } from '../helpers/language-texts.js';
import { testPipeline } from '../helpers/services.js';

const published = new Date('2025-07-01T00:00:00Z');
const sentenceEnd = /(?<=[.。।۔։។!?])\s*/u;

function page(code: string, text: string): string {
  const sentences = text.split(sentenceEnd).filter(Boolean);
  // The date as a publisher in that language prints it: CLDR's long form, Gregorian, in the locale's own digits.
  const date = new Intl.DateTimeFormat(`${code}-u-ca-gregory`, { dateStyle: 'long', timeZone: 'UTC' }).format(published);
  const dir = ['ar', 'fa', 'ur'].includes(code) ? ' dir="rtl"' : '';
  return `<!doctype html><html lang="${code}"${dir}><head><meta charset="utf-8"><title>${sentences[0]}</title></head>
<body><article><h1>${sentences[0]}</h1><time>${date}</time>${sentences.map((s) => `<p>${s}</p>`).join('')}</article></body></html>`;
}

describe('an article page in each language of the regions', () => {
  let dir: string;
  const { pipeline } = testPipeline();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gazette-languages-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(languageTexts)('%s', async (_language, code, text, countries) => {
    const file = join(dir, `${code}.html`);
    await writeFile(file, page(code, text));
    const read = await pipeline.readSource({ url: pathToFileURL(file).href, kind: 'article', timezone: 'UTC' });
    expect(read.parsed.kind).toBe('article');
    const article = await pipeline.processItem(read.parsed.items[0]!, { dates: read.dates, kind: 'article' });
    expect(article.countries).toEqual(expect.arrayContaining(countries));
    expect(article.regions.length).toBeGreaterThan(0);
    expect(article.publishedAt?.toISOString()).toBe(published.toISOString());
    // Whole sentences: every sentence of the summary is one of the article's.
    const summarySentences = article.summary.split(sentenceEnd).filter(Boolean);
    expect(summarySentences.length).toBeGreaterThan(0);
    const articleSentences = text.split(sentenceEnd).map((s) => s.trim());
    for (const s of summarySentences) expect(articleSentences).toContain(s.trim());
  });
});
