// `/source import file:<OPML> channel` and `/source export`: moving source lists between Gazette and feed readers.
// Every feed of an imported file is read first (feed discovery, the address guard, a working feed), then followed
// like `/source add` without backfill; the answer reports each line as added, skipped or failed.
import { addSource, listSources } from '../../db/sources.js';
import { describeError, isUserError, UserError } from '../../errors.js';
import { readCapped } from '../../read-capped.js';
import { opmlTools, type OpmlSource, type ResolvedSource } from '../../pipeline/orchestrator.js';
import type { CommandContext } from '../command-context.js';
import { clip, isolatedText, plural } from '../reply.js';
import { fitListCounted } from '../render/fit-list.js';
import { embedColor } from '../render/story-message.js';
import { checkSourceRate } from './source-add.js';
import { requireBotCanPost } from './source-checks.js';
import { durationWords } from '../../text/duration-words.js';
import { shownUrl } from '../../text/shown-url.js';

/** Most feeds one import follows; a bigger list is cut here (and the rest named), so an import fits the 15 minutes an answer may take. */
export const maxImportFeeds = 50;
/** OPML files are small; anything bigger is not a list of feeds. */
export const maxImportBytes = 512 * 1024;
const concurrentReads = 4;
/**
 * How long an import reads before it stops and reports: 50 lines of discovery with 20-second fetches, 4 at a time,
 * can outlast the 15 minutes Discord lets an answer take, and then the report could not be sent at all. An object so
 * that tests can shorten it.
 */
export const importLimits = { deadlineMs: 10 * 60_000 };

/** `unfinished`: read when time ran out; `late`: not read at all. */
type Outcome = { source: OpmlSource; status: 'added' | 'skipped' | 'failed' | 'unfinished' | 'late'; detail: string };

/**
 * Attachment URLs come from Discord's own payload, but they are fetched without the source fetcher's address guard:
 * only Discord's CDN (or the API's origin, where a self-hosted stand-in serves them) is ever read.
 */
export function isDiscordAttachmentUrl(url: string, apiUrl: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' && /(^|\.)discordapp\.(com|net)$/.test(u.hostname)) || u.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

/** Downloads an attachment from Discord's CDN, refusing anything over `maxBytes`. */
async function downloadAttachment(url: string, maxBytes: number): Promise<string> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(20_000) }).catch((error: unknown) => {
    throw new UserError('unreadable', `Could not download the file from Discord (${describeError(error)}). Please try again.`);
  });
  if (!response.ok || !response.body) throw new UserError('unreadable', `Could not download the file from Discord (it answered ${response.status}). Please try again.`);
  const bytes = await readCapped(response.body as unknown as AsyncIterable<Uint8Array>, maxBytes);
  if (!bytes) throw new UserError('limit', `That file is over ${Math.round(maxBytes / 1024)} KB; an OPML list of feeds is much smaller.`);
  return bytes.toString('utf8');
}

/** Runs `fn` over `items`, `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function importSourcesCommand(ctx: CommandContext<'file' | 'channel'>): Promise<void> {
  const file = ctx.attachment('file')!;
  const channelId = ctx.channel('channel')!.id;
  if (file.size > maxImportBytes) throw new UserError('limit', `That file is over ${Math.round(maxImportBytes / 1024)} KB; an OPML list of feeds is much smaller.`);
  requireBotCanPost(ctx, channelId);
  await ctx.defer();
  if (!isDiscordAttachmentUrl(file.url, ctx.deps.config.DISCORD_API_URL)) throw new Error(`Attachment URL outside Discord's CDN: ${file.url}`);
  const text = await downloadAttachment(file.url, maxImportBytes);
  const { parseOpml } = await opmlTools();
  let listed: OpmlSource[];
  try {
    listed = parseOpml(text);
  } catch (error) {
    if (!isUserError(error)) throw error;
    throw new UserError('invalid', `${error.message} Export the list again from your feed reader as OPML (usually a .opml file).`);
  }
  if (listed.length === 0) throw new UserError('invalid', 'That OPML file lists no feeds (no outlines with an http or https xmlUrl).');
  const todo = listed.slice(0, maxImportFeeds);
  const followed = new Set((await listSources(ctx.deps.prisma, ctx.guildId)).filter((s) => s.channelId === channelId).map((s) => s.feed.url));
  // Each line read is a fetch, as a /source add or test is: counted against the same per-server limit.
  checkSourceRate(ctx, todo.filter((entry) => !followed.has(entry.url)).length);

  // Reads run in parallel; adds run one at a time afterwards, so two lines naming the same feed cannot race. At the
  // deadline the reads in flight are given up and the lines not started are not tried, so the report still goes out.
  type Read = { kind: 'followed' } | { kind: 'read'; source: ResolvedSource } | { kind: 'error'; error: unknown } | { kind: 'late'; started: boolean };
  const deadline = AbortSignal.timeout(importLimits.deadlineMs);
  const timeRanOut = new Promise<Read>((resolve) => deadline.addEventListener('abort', () => resolve({ kind: 'late', started: true }), { once: true }));
  const reads = await mapLimit(todo, concurrentReads, async (entry): Promise<Read> => {
    if (followed.has(entry.url)) return { kind: 'followed' };
    if (deadline.aborted) return { kind: 'late', started: false };
    const read = ctx.deps.news.resolveSource(entry.url).then(
      (source): Read => ({ kind: 'read', source }),
      (error: unknown): Read => ({ kind: 'error', error }),
    );
    return Promise.race([read, timeRanOut]);
  });
  const outcomes: Outcome[] = [];
  for (const [i, entry] of todo.entries()) {
    const read = reads[i]!;
    if (read.kind === 'late') {
      outcomes.push(read.started ? { source: entry, status: 'unfinished', detail: 'not finished (time ran out while reading it)' } : { source: entry, status: 'late', detail: 'not tried (time ran out)' });
      continue;
    }
    if (read.kind === 'followed') {
      outcomes.push({ source: entry, status: 'skipped', detail: `already posts to <#${channelId}>` });
      continue;
    }
    if (read.kind === 'error') {
      if (!isUserError(read.error)) ctx.log.warn({ err: read.error, url: entry.url }, 'import: unexpected error reading a feed');
      outcomes.push({ source: entry, status: 'failed', detail: isUserError(read.error) ? read.error.message : 'unexpected error (logged)' });
      continue;
    }
    try {
      const source = await addSource(ctx.deps.prisma, {
        guildId: ctx.guildId,
        actorId: ctx.userId,
        url: read.source.url,
        kind: read.source.kind,
        // The feed's own title only: a feed is every server's, and a line's text is this server's words (another server
        // following the feed saw it named so).
        title: read.source.title,
        siteUrl: read.source.siteUrl,
        channelId,
        intervalMinutes: ctx.deps.config.DEFAULT_POLL_MINUTES,
        maxSources: ctx.deps.config.MAX_SOURCES_PER_GUILD,
        now: ctx.deps.now(),
      });
      outcomes.push({ source: entry, status: 'added', detail: `source #${source.id}${read.source.url === entry.url ? '' : ` (feed ${read.source.url})`}` });
    } catch (error) {
      if (!isUserError(error)) throw error;
      // addSource refuses a feed the channel already gets (e.g. two lines that lead to the same feed).
      outcomes.push({ source: entry, status: 'skipped', detail: error.message.replace(/\.$/, '') });
    }
  }
  ctx.log.info({ added: outcomes.filter((o) => o.status === 'added').length, listed: listed.length }, 'imported sources');
  await ctx.respond(importReport(outcomes, listed.length, channelId));
}

const marks = { added: '✅', skipped: '⏭️', failed: '❌', unfinished: '⏳', late: '⏳' } as const;

function importReport(outcomes: Outcome[], listed: number, channelId: string) {
  const count = (s: Outcome['status']) => outcomes.filter((o) => o.status === s).length;
  const unfinished = count('unfinished') ? `, ${count('unfinished')} not finished` : '';
  const late = count('late') ? `, ${count('late')} not tried` : '';
  const timeUp = unfinished || late ? ' (time ran out)' : '';
  const head = [`Imported into <#${channelId}>: **${count('added')} added**, ${count('skipped')} skipped, ${count('failed')} failed${unfinished}${late}${timeUp}.`];
  if (timeUp) {
    head.push(`The import stopped reading after ${durationWords(importLimits.deadlineMs, { exact: true })} so that this report could still be sent. Import the same file again to try the rest: lines already added are skipped.`);
  }
  if (listed > outcomes.length) head.push(`The file lists ${listed} feeds; only the first ${maxImportFeeds} were read. Import the rest from a second file.`);
  if (count('added')) head.push('Gazette checks the new sources within a few minutes; items already in them are not posted.');
  const lines = outcomes.map((o) => `${marks[o.status]} ${isolatedText(clip(o.source.title ?? shownUrl(o.source.url), 80))} — ${clip(o.detail, 300)}`);
  // The whole report goes in a text file when it does not fit the embed.
  const { text: description, left } = fitListCounted(lines, 4000, '\n', (n) => `…and ${n} more in the attached report.`);
  const full = outcomes.map((o) => `${o.status.toUpperCase()}\t${shownUrl(o.source.url)}\t${asPlainText(o.detail)}`).join('\n');
  return {
    content: head.join('\n'),
    embeds: [{ title: 'Import report', description, color: embedColor }],
    ...(left > 0 && { files: [{ name: 'import-report.txt', data: Buffer.from(full) }] }),
  };
}

export async function exportSourcesCommand(ctx: CommandContext): Promise<void> {
  const sources = await listSources(ctx.deps.prisma, ctx.guildId);
  if (sources.length === 0) throw new UserError('not-found', 'This server follows no sources yet; `/source add` adds one.');
  // One outline per feed: the same feed posting to two channels is one line in a reader's list.
  const unique = [...new Map(sources.map((s) => [s.feed.url, { url: shownUrl(s.feed.url), title: s.feed.title ?? undefined }])).values()];
  const name = ctx.interaction.guild?.name ?? 'this server';
  const { buildOpml } = await opmlTools();
  const opml = buildOpml(unique, `Gazette sources of ${name}`);
  await ctx.respond({
    content: `${plural(unique.length, 'feed', 'feeds')} as OPML: import the file into a feed reader, or into another server with \`/source import\`.`,
    files: [{ name: 'gazette-sources.opml', data: Buffer.from(opml), description: `Sources of ${clip(name, 80)}` }],
  });
}

/**
 * A reply's words as a text file shows them: Discord's channel mentions and timestamps ("try again after <t:…:t>", a
 * site's wait) are markup only Discord renders, so they are written out (a timestamp in UTC).
 */
export function asPlainText(detail: string): string {
  return detail
    .replace(/<#(\d+)>/g, 'channel $1')
    // "after <t:…:t> (<t:…:R>)": the same time twice once written out.
    .replace(/ \(<t:\d+:R>\)/g, '')
    .replace(/<t:(\d+)(?::[tTdDfFR])?>/g, (_, seconds: string) => `${new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}
