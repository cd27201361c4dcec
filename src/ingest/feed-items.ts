// Which items of a feed a poll reads, and its new items through the pipeline: each read (its page fetched, in a
// worker) while the one before is stored, within a time budget; failures counted for retrying (item-retries.ts); a
// site that asks Gazette to wait (Retry-After on a page) is not fetched again by any poll until the wait is over, nor
// held against its feed (site-waits.ts: in the database, so a restart or another process honours it too); the bot's
// stop ends the run, held against nothing.
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { cutOffByStop, isThreadMark, itemKey, keysToRemember, seenBefore } from '../pipeline/orchestrator.js';
import type { FeedKind, ProcessedArticle, SourceItem } from '../pipeline/types.js';
import { worthRetrying, type ItemRetries } from './item-retries.js';
import { newestFirst } from './preview.js';
import type { SiteWaits } from './site-waits.js';
import type { IngestReport } from './types.js';

/** Most items of one document read and remembered: a feed's newest thousand (by date, else document order). */
const maxKnownItems = 1000;

export interface ItemsContext {
  feedId: number;
  kind: FeedKind;
  retries: ItemRetries;
  waits: SiteWaits;
  log: Logger;
  /** No new item is started after this long (ms). */
  budgetMs: number;
  /** The service's clock (ms), which sites' waits are told by. */
  now(): number;
  /** Its problems are added here. */
  report: IngestReport;
  process(item: SourceItem): Promise<ProcessedArticle>;
  /** Stores the article read from `item`. */
  store(article: ProcessedArticle, item: SourceItem): Promise<void>;
}

export interface ItemsRun {
  /** Keys of the items left for the next poll. */
  unfinished: Set<string>;
  /** Those of them left because they failed (to be tried again, spaced out), not untried. */
  retrying: Set<string>;
  /** Items that failed for a reason that may pass (their keys), counted in `failed`: all of them when the site is down. */
  failedKeys: Set<string>;
  /**
   * Items read or tried, and how many failed: not those left over the budget, or because their site asked to wait,
   * nor one whose site answered asking to wait (that is the site's load, not the feed failing).
   */
  tried: number;
  failed: number;
  /** The first of those failures (its error), for the notice and the fetch metric. */
  firstFailure?: unknown;
  /** Some failure may pass (the site down, slow or busy): trying later may read the items. */
  passing: boolean;
  /** How long the items' sites asked Gazette to wait (ms, at most site-waits.ts' maxPageWaitMs); 0 when none did. */
  waitMs: number;
  /** The bot's stop cut an item off: it and the items after it are left, untried, for the next start. */
  stopped: boolean;
}

export async function readItems(work: SourceItem[], ctx: ItemsContext): Promise<ItemsRun> {
  const { feedId, kind, retries, waits, log, report } = ctx;
  const run: ItemsRun = { unfinished: new Set(), retrying: new Set(), failedKeys: new Set(), tried: 0, failed: 0, passing: false, waitMs: 0, stopped: false };
  const key = (item: SourceItem) => itemKey(item, kind);
  // The next item to start: the items of sites that asked to wait (in this poll or an earlier one, of this process or
  // another) are left for a poll after the wait, not fetched into it, and spend no attempt.
  await waits.refresh(work.flatMap((item) => waits.hostsOf(item.url)), ctx.now());
  const nextFrom = (from: number) => {
    let i = from;
    const at = ctx.now();
    for (; i < work.length; i++) {
      const until = waits.untilFor(work[i]!.url, at);
      if (until === undefined) break;
      run.unfinished.add(key(work[i]!));
      run.waitMs = Math.max(run.waitMs, until - at);
    }
    return i;
  };
  // The next item is fetched and read (in a worker thread) while this one is stored (on this thread, with the
  // database): on two cores the two overlap. Stored in feed order all the same.
  const processing = (item: SourceItem) =>
    ctx.process(item).then(
      (article) => ({ article }),
      (error: unknown) => ({ error }),
    );
  const deadline = Date.now() + ctx.budgetMs;
  const first = nextFrom(0);
  let i = first;
  let ahead = work[first] ? processing(work[first]) : undefined;
  while (ahead) {
    const item = work[i]!;
    const processed = await ahead;
    if ('error' in processed && cutOffByStop(processed.error)) {
      // Not the page's fault nor its site's: neither counted nor its attempts spent. The items after it would only be
      // cut off as well.
      run.stopped = true;
      for (const rest of work.slice(i)) run.unfinished.add(key(rest));
      break;
    }
    const wait = 'error' in processed ? (await waits.learnFrom(item.url, processed.error, ctx.now()))?.ms : undefined;
    if (wait === undefined) run.tried++;
    else run.waitMs = Math.max(run.waitMs, wait);
    const next = nextFrom(i + 1);
    // Past the budget no new item is started; the one read is still stored (its work is done).
    const over = next < work.length && Date.now() > deadline;
    if (over) {
      for (const rest of work.slice(next)) run.unfinished.add(key(rest));
      log.warn({ left: work.length - next }, 'feed ingest over its time budget: the rest waits for the next poll');
    }
    ahead = next < work.length && !over ? processing(work[next]!) : undefined;
    try {
      if ('error' in processed) throw processed.error;
      await ctx.store(processed.article, item);
      retries.succeeded(feedId, key(item));
    } catch (error) {
      if (wait === undefined) {
        if (!run.failed++) run.firstFailure = error;
        if (worthRetrying(error)) {
          run.passing = true;
          run.failedKeys.add(key(item));
        }
      }
      // A passing failure (the site down or busy, the database busy) is tried again next poll, a few times; a page
      // that is not an article is not. A site asking to wait is no failure: tried after the wait, no attempt spent.
      const again = wait ? retries.waited(feedId, key(item), ctx.now()) : retries.failed(feedId, key(item), error);
      report.problems.push({ url: item.url, reason: describeError(error), later: again });
      if (again) {
        run.unfinished.add(key(item));
        run.retrying.add(key(item));
      }
      log.info({ item: item.url, reason: describeError(error), again }, again ? 'an item failed: it is tried again next poll' : 'skipped an item');
    }
    i = next;
  }
  return run;
}

/**
 * A source whose items all fail looks healthy otherwise: when every item tried (two or more) failed, the moderator is
 * told, in the first item's words.
 */
export function allFailedNotice(run: ItemsRun, newItems: number): string | undefined {
  if (run.tried < 2 || run.failed < run.tried) return undefined;
  const of = run.tried < newItems ? ` tried (of ${newItems})` : '';
  return `${allFailedPrefix}${run.tried} new items${of} could be read; the first: ${describeError(run.firstFailure)}`;
}

/** How that notice begins: it still holds when the feed is unchanged since, as a failed fetch's message does not. */
export const allFailedPrefix = 'None of the ';

/**
 * The keys of the items a poll reads (`keys`), and each such item's key (`keyOf`: an item without one is past them);
 * `seen` says whether the last read remembered an item (its keys then: `prior`), and `remember` gives the keys to
 * remember for the next read, leaving out those of the items left for it (`unfinished`).
 * Items past them are neither news nor remembered: remembering only some of a huge feed's items made the others look
 * new at every poll, and posted years-old articles as news.
 */
export function recentKeys(parsed: { kind: FeedKind; items: SourceItem[]; keys: string[] }): {
  keys: Set<string>;
  keyOf: Map<SourceItem, string>;
  seen(item: SourceItem, prior: ReadonlySet<string>): boolean;
  remember(unfinished: ReadonlySet<string>, prior?: Iterable<string>): string[];
} {
  if (parsed.kind === 'feed') {
    // Made for the newest items only, once each (asked again by `seen` and `remember`): a feed of 110,000 items made
    // three canonical URLs an item on the main thread (~1 s a poll).
    const recent = newestFirst(parsed.items).slice(0, maxKnownItems);
    const keyOf = new Map(recent.map((i) => [i, itemKey(i, parsed.kind)] as const));
    const toRemember = new Map(recent.map((i) => [i, keysToRemember(i, parsed.kind)] as const));
    return {
      keys: new Set(keyOf.values()),
      keyOf,
      seen: (item, prior) => seenBefore(item, parsed.kind, prior, toRemember.get(item)),
      remember: (unfinished) => [...new Set(recent.flatMap((i) => (unfinished.has(keyOf.get(i)!) ? [] : toRemember.get(i)!)))],
    };
  }
  // A listing's or thread's parser left out the items it saw before; its keys keep the page's order. A thread lists
  // its posts oldest first: its newest are kept (the first thousand of a long page were, and no new post was read).
  // A thread's keys end with the page its read stopped at (read-thread.ts): no item's, but remembered with them.
  const marks = parsed.keys.filter(isThreadMark);
  const itemKeys = marks.length ? parsed.keys.filter((key) => !isThreadMark(key)) : parsed.keys;
  const keys = new Set(parsed.kind === 'thread' ? itemKeys.slice(-maxKnownItems) : itemKeys.slice(0, maxKnownItems));
  const keyOf = new Map(parsed.items.flatMap((i) => {
    const key = itemKey(i, parsed.kind);
    return keys.has(key) ? [[i, key] as const] : [];
  }));
  return {
    keys,
    keyOf,
    seen: (item, prior) => seenBefore(item, parsed.kind, prior),
    // A listing also keeps what it remembered and no longer shows, after this read's keys: an article that left the
    // page (a "most read" block rotating) and came back was posted as news.
    remember: (unfinished, prior = []) => [
      ...[...new Set([...keys, ...(parsed.kind === 'listing' ? prior : [])])].filter((k) => !unfinished.has(k)).slice(0, maxKnownItems),
      ...marks,
    ],
  };
}
