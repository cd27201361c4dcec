// Which items are a source's newest (src/ingest/preview.ts newestFirst), for a backfill and a preview: by date when
// every item has one; otherwise by the page's order, which a feed or listing gives newest first and a thread oldest
// first (one post whose date could not be read backfilled a thread's oldest posts).
import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../../src/ingest/preview.js';

const post = (n: number, day?: number) => ({ n, publishedAt: day === undefined ? undefined : new Date(Date.UTC(2025, 6, day)) });

describe('newestFirst', () => {
  it('orders by date when every item has one', () => {
    expect(newestFirst([post(1, 1), post(2, 3), post(3, 2)], 'thread').map((p) => p.n)).toEqual([2, 3, 1]);
  });

  it('takes a thread’s last posts first when one date is missing, a feed’s or listing’s first', () => {
    const posts = [post(1, 1), post(2), post(3, 3)];
    expect(newestFirst(posts, 'thread').map((p) => p.n)).toEqual([3, 2, 1]);
    expect(newestFirst(posts, 'listing').map((p) => p.n)).toEqual([1, 2, 3]);
  });
});
