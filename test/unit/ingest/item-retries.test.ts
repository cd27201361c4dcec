// Which item failures are tried again, and how many times (src/ingest/item-retries.ts).
import { describe, expect, it } from 'vitest';
import { ItemRetries, maxItemAttempts, worthRetrying } from '../../../src/ingest/item-retries.js';
import { maxWaitingMs } from '../../../src/ingest/site-waits.js';
import { NotAnArticleError } from '../../../src/pipeline/extract/errors.js';
import { FetchError } from '../../../src/pipeline/fetch/errors.js';
import { JobLimitError } from '../../../src/pipeline/worker/pool.js';

describe('item retries', () => {
  it('tries again after passing failures only', () => {
    expect(worthRetrying(new FetchError('http-status', 'down', { status: 503 }))).toBe(true);
    expect(worthRetrying(new FetchError('http-status', 'slow down', { status: 429 }))).toBe(true);
    expect(worthRetrying(new FetchError('timeout', 'slow'))).toBe(true);
    expect(worthRetrying(new Error('Transaction API error: Transaction already closed'))).toBe(true);
    expect(worthRetrying(new JobLimitError('time', 'took too long'))).toBe(true);
    // A feed may announce an article before its page is live: a 404 is tried again, a 410 says it is gone.
    expect(worthRetrying(new FetchError('http-status', 'not yet', { status: 404 }))).toBe(true);
    expect(worthRetrying(new FetchError('http-status', 'gone', { status: 410 }))).toBe(false);
    expect(worthRetrying(new FetchError('too-large', 'too large'))).toBe(false);
    expect(worthRetrying(new FetchError('blocked-address', 'private'))).toBe(false);
    expect(worthRetrying(new NotAnArticleError('it is an index page'))).toBe(false);
    expect(worthRetrying(new JobLimitError('memory', 'too big'))).toBe(false);
  });

  it('gives an item up after its last attempt, counts items apart, and forgets what left the feed', () => {
    const retries = new ItemRetries();
    const down = new FetchError('connection', 'refused');
    const answers = Array.from({ length: maxItemAttempts }, () => retries.failed(1, 'a', down));
    expect(answers).toEqual([...Array(maxItemAttempts - 1).fill(true), false]);
    expect(retries.failed(1, 'b', down)).toBe(true);
    retries.succeeded(1, 'b');
    expect(Array.from({ length: maxItemAttempts - 1 }, () => retries.failed(1, 'b', down))).toEqual(Array(maxItemAttempts - 1).fill(true));
    retries.keepOnly(1, new Set());
    expect(retries.failed(1, 'b', down)).toBe(true);
    expect(retries.failed(2, 'x', new NotAnArticleError('empty'))).toBe(false);
  });

  it('gives back the attempts of a poll in which every item failed, an item given up by it included', () => {
    const retries = new ItemRetries();
    const down = new FetchError('http-status', 'down', { status: 503 });
    // Polls of a site that is down: each attempt given back, the item is never given up.
    for (let poll = 0; poll < 10; poll++) {
      expect(retries.failed(1, 'a', down)).toBe(true);
      retries.refund(1, ['a']);
    }
    // Its attempts spent in polls where other items were read, then one given back: counted from its last attempt.
    const spent = Array.from({ length: maxItemAttempts }, () => retries.failed(1, 'b', down));
    expect(spent.at(-1)).toBe(false);
    retries.refund(1, ['b']);
    expect(retries.failed(1, 'b', down)).toBe(false);
  });

  it('spends no attempt on a site asking to wait, but gives an item up once it has waited a day', () => {
    const retries = new ItemRetries();
    const down = new FetchError('connection', 'refused');
    for (let i = 0; i < maxItemAttempts * 3; i++) expect(retries.waited(1, 'a', i * 60_000)).toBe(true);
    // Its failures are counted apart from its waits.
    expect(retries.failed(1, 'a', down)).toBe(true);
    expect(retries.waited(1, 'a', maxWaitingMs - 1)).toBe(true);
    expect(retries.waited(1, 'a', maxWaitingMs)).toBe(false);
    // Given up, it is forgotten: a new wait starts a new day.
    expect(retries.waited(1, 'a', maxWaitingMs + 1)).toBe(true);
    retries.succeeded(1, 'a');
    expect(retries.waited(1, 'a', 3 * maxWaitingMs)).toBe(true);
  });
});
