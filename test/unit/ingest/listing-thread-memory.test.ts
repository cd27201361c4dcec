// What a listing page or a forum thread remembers between reads (src/ingest/feed-items.ts recentKeys): a listing keeps
// what it remembered and no longer shows (an article rotating out of a "most read" block and back was posted as news),
// and a thread of more than a thousand posts remembers its newest (its first thousand were kept, and no new post read).
import { describe, expect, it } from 'vitest';
import { recentKeys } from '../../../src/ingest/feed-items.js';
import type { FeedKind, SourceItem } from '../../../src/pipeline/types.js';

const page = 'https://news.example/politics/';
const link = (slug: string): SourceItem => ({ url: `${page}${slug}`, needsFetch: true });
/** A read of the page: what its parser returns given what was remembered (it leaves those items out). */
function read(kind: FeedKind, urls: SourceItem[], prior: string[]) {
  const keys = urls.map((i) => i.url);
  const parsed = { kind, items: urls.filter((i) => !prior.includes(i.url)), keys };
  const recent = recentKeys(parsed);
  const fresh = parsed.items.filter((i) => recent.keyOf.has(i) && !recent.seen(i, new Set(prior)));
  return { fresh: fresh.map((i) => i.url), remembered: recent.remember(new Set(), prior) };
}

describe('a listing page’s memory', () => {
  it('keeps an article that left the page, so that its return is not news', () => {
    const [a, b, old, d] = ['a', 'b', 'june-story', 'd'].map(link) as [SourceItem, SourceItem, SourceItem, SourceItem];
    const first = read('listing', [old, a, b], []);
    const second = read('listing', [d, a, b], first.remembered);
    expect(second.fresh).toEqual([d.url]);
    const third = read('listing', [old, d, a], second.remembered);
    expect(third.fresh).toEqual([]);
  });
});

describe('a forum thread’s memory', () => {
  it('remembers its newest posts when the page holds more than a thousand', () => {
    const posts = (n: number) => Array.from({ length: n }, (_, i): SourceItem => ({ url: `https://forum.example/t/1#post-${i + 1}`, needsFetch: false }));
    const first = read('thread', posts(1005), []);
    const second = read('thread', posts(1008), first.remembered);
    expect(second.fresh).toEqual(['https://forum.example/t/1#post-1006', 'https://forum.example/t/1#post-1007', 'https://forum.example/t/1#post-1008']);
  });
});
