// `/source add` and `/source test`: read what the moderator typed (a feed, or a site that links to one), show what it
// would post (and what a filter lets through), and — for add — follow it, run its first check with the requested
// backfill, and say what happens next.
import { getFeed } from '../../db/feeds.js';
import { countHeldInChannel } from '../../db/held-posts.js';
import { addSource } from '../../db/sources.js';
import { SiteWaitError, UserError } from '../../errors.js';
import type { IngestReport, SourcePreview } from '../../ingest/types.js';
import { formatFilter, rememberedItems } from '../../pipeline/orchestrator.js';
import type { CommandContext } from '../command-context.js';
import { createRateLimiter } from '../rate-limit.js';
import { describeKind, previewEmbeds, problemLines, sourceLabel } from '../render/moderation-preview.js';
import { ownRegionsNamed, parseTagList, requireBotCanPost, requireFilter, requireRegion } from './source-checks.js';
import { filterEffect, filterTrialText, filterWarning, tryFilter } from './source-filter.js';
import { clip, remoteText } from '../reply.js';

// Adding, testing or importing a source fetches it (and, for the preview, its articles): a server's moderators get 20
// a minute. An import counts each line it reads, up to the whole minute's 20.
const sourceChecks = createRateLimiter({ max: 20, windowMs: 60_000 });

export function checkSourceRate(ctx: CommandContext, count = 1): void {
  const wait = sourceChecks.take(ctx.guildId, ctx.deps.now().getTime(), count);
  if (wait > 0) throw new UserError('rate-limited', `This server has added, tested or imported 20 sources in the last minute. Please try again in ${Math.ceil(wait / 1000)} s.`);
}

/** A preview, with the advice a moderator needs when the address cannot be used. */
async function previewOrExplain(ctx: CommandContext, url: string, limit: number): Promise<SourcePreview> {
  checkSourceRate(ctx);
  try {
    return await ctx.deps.news.preview(url, limit);
  } catch (error) {
    // A site's wait says all there is to say: when to try again.
    if (!(error instanceof UserError) || error instanceof SiteWaitError) throw error;
    const advice = adviceFor(error.message);
    throw new UserError(error.code, advice ? `${error.message}\n${advice}` : error.message);
  }
}

function adviceFor(message: string): string {
  if (/^Refused:|Refused: /.test(message) || /metadata|private network|loopback|link-local/.test(message)) {
    return 'Gazette only reads public web addresses: give the address of a site or feed on the internet.';
  }
  if (/not a web address/.test(message)) return '';
  if (/http and https/.test(message)) return 'Copy the full address from your browser, starting with https://';
  if (/answered 4\d\d|could not be found|refused the connection|cannot be reached|No answer within|was too slow|Could not connect/.test(message)) {
    return 'Check that the address opens in a browser; if the site is down, try again later.';
  }
  if (/^The feed is not valid XML|^This is not a feed|^The feed is empty/.test(message)) {
    return 'The feed may be broken right now: open it in a browser or a feed validator, or tell its publisher; try again later.';
  }
  if (/no articles Gazette can read/.test(message)) {
    return 'If it is a feed, it may be broken right now: open it in a browser or a feed validator. If it is a site, give the address of its feed (RSS or Atom, often at /feed or /rss) instead.';
  }
  return 'If the site has a feed (look for RSS or Atom, often at /feed or /rss), give the feed’s address instead.';
}

export async function addSourceCommand(ctx: CommandContext<'url' | 'channel' | 'region' | 'tags' | 'interval' | 'backfill' | 'filter'>): Promise<void> {
  const channelId = ctx.channel('channel')!.id;
  const regions = await ctx.deps.regionsFor(ctx.guildId);
  const typedRegion = ctx.string('region');
  const region = typedRegion ? requireRegion(regions, typedRegion) : undefined;
  const tags = parseTagList(ctx.string('tags'), regions);
  const typedFilter = ctx.string('filter');
  const filter = typedFilter === null ? undefined : requireFilter(typedFilter, regions);
  const storedFilter = filter ? formatFilter(filter) : undefined;
  requireBotCanPost(ctx, channelId);
  const interval = ctx.integer('interval') ?? ctx.deps.config.DEFAULT_POLL_MINUTES;
  const backfill = ctx.integer('backfill') ?? 0;
  // Reading the source takes seconds (and its articles, for a preview): acknowledge first.
  await ctx.defer();
  const preview = await previewOrExplain(ctx, ctx.requiredString('url'), 3);
  const resolved = preview.source;
  const source = await addSource(ctx.deps.prisma, {
    guildId: ctx.guildId,
    actorId: ctx.userId,
    url: resolved.url,
    kind: resolved.kind,
    title: resolved.title,
    siteUrl: resolved.siteUrl,
    channelId,
    region: region?.slug,
    tags,
    intervalMinutes: interval,
    filter: storedFilter,
    regionsNamed: ownRegionsNamed(regions, region?.slug, filter),
    maxSources: ctx.deps.config.MAX_SOURCES_PER_GUILD,
    now: ctx.deps.now(),
    backfill,
    readFirst: { claimMs: ctx.deps.config.POLL_CLAIM_TIMEOUT_MS },
  });
  ctx.log.info({ sourceId: source.id, feedId: source.feedId, url: resolved.url, backfill, polled: !source.claim }, 'source added');
  // Its first read holds the feed as a poll does. A poll reading the feed already (for the servers that follow it)
  // keeps it: read beside it, its new items were fetched, summarized and counted twice. The read right after that
  // poll posts the backfill, which the source is owed till then.
  const readFrom = ctx.deps.now();
  const report = source.claim ? await ctx.deps.news.ingestFeed(source.feedId, { claim: source.claim }) : undefined;
  if (report && report.deliveries > 0) ctx.deps.wakeDelivery();
  const feed = await getFeed(ctx.deps.prisma, source.feedId);
  // The items this read found in the feed; one answered 304 found none, and the read before remembered them.
  const inFeed = report?.inSource ?? rememberedItems(feed?.seenKeys ?? []);
  // A first read's items left for the next read (their page or site asked to wait, time ran out) are posted then; those
  // that failed for good are not. On a later read the backfill comes from what is stored, and what is left is news.
  const later = report?.firstRead ? Math.min(backfill, report.leftForLater ?? 0) : 0;
  const failed = report?.firstRead ? report.problems.filter((p) => !p.later).length : (report?.problems.length ?? 0);
  const backfilled = !report || report.status === 'failed' ? 0 : Math.max(0, Math.min(backfill, inFeed + later) - later - failed);
  // Items that report one story share a post (and one joining a story the server already has edits that post).
  const posts = Math.min(backfilled, report?.newPosts.filter((p) => p.guildId === ctx.guildId && p.channelId === channelId).length ?? 0);

  const typed = ctx.requiredString('url').trim();
  const lines = [`Added source #${source.id}: ${sourceLabel({ url: resolved.url, title: feed?.title ?? resolved.title })}, ${describeKind(resolved.kind)}.`];
  if (!sameAddress(typed, resolved.url)) lines.push(resolved.movedFrom ? `${capitalize(movedLine(typed))}.` : `Found it from the link on ${typed}.`);
  if (!report || report.postponed) {
    lines.push(putOffLine(report?.postponed ?? 'polled', backfill, channelId, feed?.nextFetchAt));
  } else if (report.status === 'failed') {
    lines.push(firstCheckFailedLine(report));
    if (backfill > 0) lines.push(`The ${newestItems(backfill)} you asked for are posted to <#${channelId}> once a check works.`);
  } else {
    const skipped = Math.max(0, inFeed - backfilled);
    const parts: string[] = [];
    if (skipped > 0) parts.push(`${skipped} item${skipped === 1 ? ' was' : 's were'} already in it and will not be posted`);
    // Over the channel's hourly limit, stories are held for the digest, not posted: said so, not taken for one story.
    const held = backfilled > posts ? Math.min(backfilled - posts, await countHeldInChannel(ctx.deps.prisma, { guildId: ctx.guildId, channelId, feedId: source.feedId, since: readFrom })) : 0;
    if (held > 0) parts.push(heldBackfillLine(backfilled, posts, held, channelId));
    else if (backfilled > 0) parts.push(storedFilter ? filteredBackfillLine(backfilled, posts, channelId) : backfillLine(backfilled, posts, channelId));
    if (later > 0) parts.push(`${later === 1 ? '1 more of the newest is' : `${later} more of the newest are`} read and posted at a later check (${later === 1 ? 'its page' : 'their pages'} could not be read now)`);
    if (parts.length) lines.push(`${capitalize(parts.join('; '))}.`);
  }
  lines.push(`From now on, new items are posted to <#${channelId}>; Gazette checks every ${interval} min.`);
  if (region) lines.push(`Stories that name no country count as ${region.name}.`);
  if (tags.length) lines.push(`Its stories are tagged ${tags.map((t) => `\`${t}\``).join(' ')}.`);
  if (filter && storedFilter) {
    lines.push(filterEffect(storedFilter));
    const warning = filterWarning(tryFilter(preview.items, filter, regions), 'its newest items');
    if (warning) lines.push(warning);
  }
  lines.push(preview.stories.length ? (filter ? '**Its newest items look like this when posted:**' : '**What it posts looks like this:**') : 'It has no items to show yet.');
  await ctx.respond({ content: clip(lines.join('\n') + problemLines(preview), 2000), embeds: previewEmbeds(preview) });
}

export async function testSourceCommand(ctx: CommandContext<'url' | 'filter'>): Promise<void> {
  const typedFilter = ctx.string('filter');
  const regions = typedFilter === null ? [] : await ctx.deps.regionsFor(ctx.guildId);
  const filter = typedFilter === null ? undefined : requireFilter(typedFilter, regions);
  await ctx.defer();
  const typed = ctx.requiredString('url').trim();
  const preview = await previewOrExplain(ctx, typed, 5);
  const source = preview.source;
  const found = source.movedFrom ? movedLine(typed) : `found from the link on ${typed}`;
  const lines = [`${sourceLabel(source)} is ${describeKind(source.kind)}${sameAddress(typed, source.url) ? '' : ` (${found})`}.`];
  if (filter) lines.push(filterTrialText(tryFilter(preview.items, filter, regions), formatFilter(filter)));
  const shown = filter ? 'Its newest items look like this when posted' : 'Its newest items would be posted like this';
  lines.push(preview.stories.length ? `${shown} (nothing was stored; \`/source add\` follows it):` : 'It has no items right now.');
  await ctx.respond({ content: clip(lines.join('\n') + problemLines(preview), 2000), embeds: previewEmbeds(preview, 5) });
}

/**
 * The reply's line for a first check that failed: a feed others follow may have failed often enough that this failure
 * paused it (MAX_FAILURES), and then Gazette will not try again until a moderator resumes the source.
 */
export function firstCheckFailedLine(report: Pick<IngestReport, 'error' | 'paused'>): string {
  // It may quote the remote server: shown as text.
  const error = remoteText(report.error ?? 'unknown error', 300);
  if (report.paused) return `Its first check failed (${error}), and that was one failure too many in a row: the source is paused. \`/source resume\` tries again once the address works.`;
  return `Its first check failed (${error}); Gazette will try again and \`/source list\` shows how it goes.`;
}

/**
 * The reply's line for a first read that was not made, or not finished: a poll was reading the feed (for the servers
 * that follow it), the bot is stopping, or the feed's site asked Gazette to wait. The backfill is owed till a read.
 */
export function putOffLine(why: 'polled' | 'stop' | 'site-wait', backfill: number, channelId: string, next: Date | undefined): string {
  const then = backfill > 0 ? `, and posts the ${newestItems(backfill)} to <#${channelId}> then` : '';
  if (why === 'stop') return `Gazette is stopping, which cut its first read of the feed off: it reads the feed when it runs again${then}.`;
  if (why === 'site-wait') return `Its site asked Gazette to wait before reading it again: Gazette reads it ${next ? `<t:${Math.floor(next.getTime() / 1000)}:R>` : 'later'}${then}.`;
  // The read after the poll finds the feed read: the backfill is what Gazette has stored of it (ingest/backfills.ts).
  if (backfill > 0) return `Gazette is reading this feed right now for the servers that follow it; once that read ends, its newest stories (up to ${backfill}) are posted to <#${channelId}>.`;
  return 'Gazette is reading this feed right now for the servers that follow it; the items in it will not be posted here, only new ones.';
}

const newestItems = (count: number) => (count === 1 ? 'newest item' : `${count} newest items`);

/** What happens to the `items` backfilled, which make `posts` posts. */
function backfillLine(items: number, posts: number, channelId: string): string {
  const newest = items === 1 ? 'newest is' : `${items} newest are`;
  if (posts === items) return `the ${newest} being posted to <#${channelId}> now`;
  if (posts === 0) return `the ${items === 1 ? 'newest belongs to a story' : `${items} newest belong to stories`} already in this server, so no new post is made`;
  return `the ${items} newest are being posted to <#${channelId}> now as ${posts === 1 ? 'one post: they report the same story' : `${posts} posts: some report the same story`}`;
}

/** The backfill when the channel's hourly limit held some of it back (for the digest, where one is set). */
function heldBackfillLine(items: number, posts: number, held: number, channelId: string): string {
  const posted = posts === 0 ? 'none is posted now' : `${posts === 1 ? 'one is' : `${posts} are`} being posted to <#${channelId}> now`;
  return `of the ${items} newest, ${posted} and ${held === 1 ? 'one is' : `${held} are`} held back, since <#${channelId}> has had its posts for this hour (the server's digest lists them, if there is one)`;
}

/** The same with a filter: an item held back by it makes no post either, so the count says less about why. */
function filteredBackfillLine(items: number, posts: number, channelId: string): string {
  if (posts === 0) return `none of the ${items === 1 ? 'newest' : `${items} newest`} is posted now: the filter holds ${items === 1 ? 'it' : 'them'} back, or ${items === 1 ? 'its story is' : 'their stories are'} already in this server`;
  return `of the ${items} newest, what passes the filter is being posted to <#${channelId}> now (${posts === 1 ? 'one post' : `${posts} posts`})`;
}

/** Why the address followed is not the one typed when that one redirects there for good (a 301 or 308). */
function movedLine(typed: string): string {
  return `${typed} has moved there for good, so Gazette follows the new address`;
}

function sameAddress(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
