// `/source list`: each source with its health in words — last check and last success as Discord timestamps, failures
// in a row, the last error, why it is paused, and stories that could not be posted in its channel — split into
// pages that each fit one embed.
import type { APIEmbed } from 'discord-api-types/v10';
import { hostOf } from '../../pipeline/orchestrator.js';
import { isModeratorPause, postingTroubleDays } from '../../db/sources.js';
import { clip, escapeText, isolatedText, plural, remoteText } from '../reply.js';
import { embedColor } from './story-message.js';
import { shownUrl } from '../../text/shown-url.js';

export interface SourceHealth {
  id: number;
  channelId: string;
  region: string | null;
  tags: string[];
  /** Stored filter text (src/pipeline/filter): only matching stories are posted. */
  filter?: string | null | undefined;
  intervalMinutes: number;
  paused: boolean;
  pausedReason: string | null;
  feed: {
    url: string;
    title: string | null;
    lastFetchAt: Date | null;
    lastSuccessAt: Date | null;
    consecutiveFailures: number;
    lastError: string | null;
  };
  failedDeliveries: number;
  lastDeliveryError: string | null;
  waitingDeliveries: number;
  waitingReason: string | null;
}

const stamp = (d: Date) => `<t:${Math.floor(d.getTime() / 1000)}:R>`;

const hostLabel = (url: string) => hostOf(url) || url;



function statusLine(s: SourceHealth): string {
  if (s.paused) {
    // A moderator's pause is Gazette's own words, whose mention of the moderator stays one; any other may quote a server.
    const reason = isModeratorPause(s.pausedReason) ? s.pausedReason! : remoteText(s.pausedReason ?? 'No reason was recorded.', 400);
    return `⏸️ **Paused.** ${reason} \`/source resume\` checks it again.`;
  }
  if (s.feed.consecutiveFailures > 0) {
    return `⚠️ **Failing:** ${plural(s.feed.consecutiveFailures, 'failed check', 'failed checks')} in a row. Last error: ${remoteText(s.feed.lastError ?? 'unknown', 300)}`;
  }
  if (!s.feed.lastFetchAt) return '🕓 Not checked yet.';
  return s.feed.lastError ? `✅ Working. Note: ${remoteText(s.feed.lastError, 300)}` : '✅ Working.';
}

/** The block of lines for one source. `regionName` turns a region slug into its display name. */
export function sourceBlock(s: SourceHealth, regionName: (slug: string) => string): string {
  const title = isolatedText(clip(s.feed.title?.trim() || hostLabel(shownUrl(s.feed.url)), 100));
  const settings = [`→ <#${s.channelId}>`, `every ${s.intervalMinutes} min`];
  if (s.region) settings.push(`region ${escapeText(regionName(s.region))}`);
  if (s.tags.length) settings.push(`tags ${s.tags.map((t) => `\`${t.replace(/`/g, "'")}\``).join(' ')}`);
  if (s.filter) settings.push(`filter \`${clip(s.filter.replace(/`/g, "'"), 300)}\``);
  const checks = s.feed.lastFetchAt
    ? `Last check ${stamp(s.feed.lastFetchAt)}, last success ${s.feed.lastSuccessAt ? stamp(s.feed.lastSuccessAt) : 'never'}.`
    : '';
  const lines = [`**#${s.id} ${title}** ${settings.join(' · ')}`, `<${clip(shownUrl(s.feed.url), 300)}>`, statusLine(s)];
  if (checks) lines.push(checks);
  if (s.waitingDeliveries > 0) {
    lines.push(`⏳ **${plural(s.waitingDeliveries, 'story', 'stories')} waiting** to be posted in <#${s.channelId}>: ${remoteText(s.waitingReason ?? 'Discord refused them for now.', 300)}`);
  }
  if (s.failedDeliveries > 0) {
    lines.push(
      `📭 **${plural(s.failedDeliveries, 'story', 'stories')} could not be posted** in <#${s.channelId}> in the last ${postingTroubleDays} days: ${remoteText(s.lastDeliveryError ?? 'Discord refused them.', 300)}`,
    );
  }
  return lines.join('\n');
}

/** Splits blocks into pages of at most `max` characters each (blocks are never cut; one longer than a page is clipped). */
export function paginate(blocks: string[], max = 3900): string[] {
  const pages: string[] = [];
  let page = '';
  for (const block of blocks.map((b) => clip(b, max))) {
    if (page && page.length + 2 + block.length > max) {
      pages.push(page);
      page = '';
    }
    page = page ? `${page}\n\n${block}` : block;
  }
  if (page) pages.push(page);
  return pages;
}

/** The list as embeds, one per message; at most `maxPages`, the last one saying how many were left out. */
export function sourceListEmbeds(sources: SourceHealth[], regionName: (slug: string) => string, maxPages = 5): APIEmbed[] {
  const pages = paginate(sources.map((s) => sourceBlock(s, regionName)));
  const shown = pages.slice(0, maxPages);
  const paused = sources.filter((s) => s.paused).length;
  const failing = sources.filter((s) => !s.paused && s.feed.consecutiveFailures > 0).length;
  const postingTrouble = sources.filter((s) => s.failedDeliveries > 0).length;
  const summary = [plural(sources.length, 'source', 'sources'), paused && `${paused} paused`, failing && `${failing} failing`, postingTrouble && `${postingTrouble} with posting errors`]
    .filter(Boolean)
    .join(' · ');
  return shown.map((description, i) => ({
    // Of all the pages, not of those shown: "page 2 of 5" read as the whole list when seven were made.
    title: i === 0 ? 'Sources' : `Sources (page ${i + 1} of ${pages.length})`,
    description,
    color: embedColor,
    footer: {
      text: i === shown.length - 1 && pages.length > shown.length ? `${summary} · ${pages.length - shown.length} more page(s) not shown: /source export lists every source` : summary,
    },
  }));
}
