// Fields no real feed makes this long, each of which the database refused on every poll (an index row past ~2,700
// bytes, a search document past 1 MB), and whose cleaning grew worse than linearly with them: a link of 40,000
// "/amp"s held the polling thread for seconds.
import { describe, expect, it } from 'vitest';
import { articleFromItem, maxTitleLength } from '../../../src/pipeline/article-steps.js';
import { maxUrlLength, resolveUrl } from '../../../src/pipeline/parse/urls.js';
import { parseSource } from '../../../src/pipeline/parse/parse-source.js';
import { baku, fetched } from './helpers.js';

const read = (body: string) => parseSource(fetched(body, 'https://long.example/feed', 'application/rss+xml'), { dates: baku, kind: 'feed' }).items;
const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>${items}</channel></rss>`;

describe('overlong fields of a feed entry', () => {
  it('an address past 2,048 characters is no link', () => {
    expect(maxUrlLength).toBe(2048);
    expect(resolveUrl(`https://long.example/n0${'/amp'.repeat(40_000)}/x`, undefined)).toBeUndefined();
    expect(resolveUrl(`/a?q=${'x'.repeat(3_000)}`, 'https://long.example/')).toBeUndefined();
    expect(resolveUrl(`/a?q=${'x'.repeat(1_000)}`, 'https://long.example/')).toBe(`https://long.example/a?q=${'x'.repeat(1_000)}`);
    const items = read(rss(`<item><title>Link too long</title><link>https://long.example/n0${'/amp'.repeat(40_000)}/x</link><description>A short text.</description></item>`));
    expect(items.map((i) => i.url)).toEqual([expect.stringMatching(/^https:\/\/long\.example\/feed#link-too-long$/)]);
  });

  it('an id past 500 characters is kept as its hash, so that two such entries stay two', () => {
    const id = (n: number) => `${'x'.repeat(3_000)}${n}`;
    const items = read(rss([1, 2].map((n) => `<item><title>Item ${n}</title><link>https://long.example/${n}</link><guid isPermaLink="false">${id(n)}</guid></item>`).join('')));
    expect(items.map((i) => i.guid)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/), expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
    expect(items[0]!.guid).not.toBe(items[1]!.guid);
    expect(read(rss('<item><title>Short</title><link>https://long.example/s</link><guid>urn:short:1</guid></item>'))[0]!.guid).toBe('urn:short:1');
  });

  it('a headline is cut to 300 characters, between words', () => {
    const title = 'Word '.repeat(150_000);
    const made = articleFromItem({ url: 'https://long.example/t', title, text: 'A text of a few words.', needsFetch: false }, { dates: baku });
    if (!('article' in made)) throw new Error('expected the item’s own article');
    expect(made.article.title.length).toBeLessThanOrEqual(maxTitleLength);
    expect(made.article.title).toMatch(/^Word Word .*Word…$/);
  });
});
