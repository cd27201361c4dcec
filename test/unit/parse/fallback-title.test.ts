// A text that came without a title gets one made from its start, and the same one whichever way it arrived (a feed,
// an article page, an item the pipeline finishes): the title goes into the content hash, so two titles for one text
// were two hashes for one story, and a title cut from raw text kept its line breaks.
import { describe, expect, it } from 'vitest';
import { articleFromItem, finishArticle } from '../../../src/pipeline/article-steps.js';
import { extractArticle } from '../../../src/pipeline/extract/index.js';
import { readFeed } from '../../../src/pipeline/parse/feed.js';
import { fallbackTitle } from '../../../src/pipeline/parse/text.js';
import type { ExtractedArticle, SourceItem } from '../../../src/pipeline/types.js';
import { articlePage, storyParagraphs } from '../extract/fixtures/pages.js';
import { baku } from './helpers.js';

const url = 'https://courier.example/2025/07/treaty';
const text = [
  'Armenia and Azerbaijan initial a peace treaty',
  'The foreign ministers of Armenia and Azerbaijan initialled the text of a peace treaty in Washington on Friday, officials in both capitals said.',
  'Both sides must still sign and ratify it.',
].join('\n\n');

const itemArticle = (item: SourceItem): ExtractedArticle => {
  const result = articleFromItem(item, { dates: baku });
  if (!('article' in result)) throw new Error('expected an article');
  return result.article;
};

describe('fallbackTitle', () => {
  it('is the first sentence of the first line, cut at a word', () => {
    expect(fallbackTitle(text)).toBe('Armenia and Azerbaijan initial a peace treaty');
    expect(fallbackTitle('Breaking\nTalks resume in Vienna. More soon.')).toBe('Breaking');
    expect(fallbackTitle(`${storyParagraphs[0]}\n\n${storyParagraphs[1]}`)).toBe('YEREVAN, Armenia — Armenia and Azerbaijan agreed on Tuesday to reopen talks on the delimitation of their border…');
  });

  it('titles an untitled item as the feed reader does: one line, and the same content hash', () => {
    const untitled = itemArticle({ url, text, needsFetch: false });
    expect(untitled.title).toBe('Armenia and Azerbaijan initial a peace treaty');
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><link>https://courier.example/</link>
      <item><link>${url}</link><description>${text.split('\n\n').map((p) => `&lt;p&gt;${p}&lt;/p&gt;`).join('')}</description></item></channel></rss>`;
    const [fromFeed] = readFeed(rss, 'https://courier.example/feed.xml', baku).items;
    expect(fromFeed!.title).toBe(untitled.title);
    expect(fromFeed!.text).toBe(text);
    // A short item is a teaser whose page is fetched; here its text stands in for the page's.
    expect(finishArticle(itemArticle({ ...fromFeed!, needsFetch: false }), []).contentHash).toBe(finishArticle(untitled, []).contentHash);
  });

  it('titles an untitled article page the same way', () => {
    const html = articlePage().replace(/<title>.*<\/title>/, '').replace(/<h1 class="story-headline">.*<\/h1>/, '');
    const page = extractArticle(html, url, baku);
    expect(page.title).toBe(fallbackTitle(page.text));
    expect(itemArticle({ url, text: page.text, needsFetch: false }).title).toBe(page.title);
  });
});
