// Every message Gazette sends goes through these shapes: no mentions are ever parsed (feed text must never ping
// @everyone or a role), and Discord's size limits are respected by construction.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { clipText } from '../text/clip.js';
import { plural } from '../text/plural.js';

// Re-exported: most replies that count something already import this module.
export { plural };

export const noMentions = { parse: [] as never[] };

export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: { name: string; data: Buffer; description?: string }[];
}

/** "2 stories … will not be (they stay searchable)": the queued posts a moderator's change dropped. */
export function droppedStoriesText(n: number, which: (one: boolean) => string): string {
  return `${plural(n, 'story', 'stories')} ${which(n === 1)} will not be (${n === 1 ? 'it stays' : 'they stay'} searchable)`;
}

/** Cuts text to `max` characters (UTF-16, as Discord counts) at a word boundary, with an ellipsis (text/clip.ts). */
export function clip(text: string, max: number): string {
  return clipText(text, max);
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069). An unclosed one in a feed's title
 * (U+202E, right-to-left override) reversed the rest of the line, Gazette's own words included. The marks U+200E and
 * U+200F only nudge neutral characters' direction and end with the line's paragraph, so they stay.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

/** Text as a Discord message would show it, with markdown and mention syntax neutralised (feed text is untrusted). */
export function escapeText(text: string): string {
  return text
    .replace(bidiControls, '')
    .replace(/[\\*_~`|>#[\]()-]/g, (c) => `\\${c}`)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
}

/** Escaped text of at most `max` characters (escaping can double a text's length, so clip until it fits). */
export function escapedWithin(text: string, max: number): string {
  let limit = max;
  let out = escapeText(clip(text, limit));
  while (out.length > max && limit > 1) {
    limit = Math.max(1, limit - (out.length - max));
    out = escapeText(clip(text, limit));
  }
  return out;
}

/**
 * Error texts and a self-pause's reason quote remote servers (an address, a page's words): clipped and escaped, so a
 * masked link or markdown in them cannot render. A channel mention stays one: Gazette's posting errors name the
 * channel, and a channel mention cannot ping anyone.
 */
export function remoteText(text: string, max: number): string {
  return clip(text, max)
    .split(/(<#\d+>)/)
    .map((part, i) => (i % 2 ? part : escapeText(part)))
    .join('');
}

/** Letters of the scripts written right to left (Hanifi Rohingya included: Myanmar's Rohingya press). */
const rightToLeft = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;

/**
 * Untrusted text escaped, and, when it has right-to-left letters, wrapped in a first-strong isolate (U+2068 …
 * U+2069): for text followed by Gazette's own words on one line, which an Arabic or Hebrew title otherwise pulled
 * into its right-to-left run (" — Source · #12" came out reordered), or whose whole line it turned right to left.
 * escapeText has removed the text's own isolates, so the wrapper always closes. Left-to-right text needs none.
 */
export function isolatedText(text: string): string {
  const escaped = escapeText(text);
  return rightToLeft.test(escaped) ? `\u2068${escaped}\u2069` : escaped;
}

/** isolatedText of at most `max` characters, the isolate's two marks counted. */
export function isolatedWithin(text: string, max: number): string {
  const escaped = escapedWithin(text, max);
  return rightToLeft.test(escaped) ? `\u2068${escapedWithin(text, Math.max(1, max - 2))}\u2069` : escaped;
}

/** "story #3", or "story #3 (story #2 is part of it now)" when the story a member acted on was merged into another. */
export function storyActedOn(current: number, asked: number): string {
  return `story #${current}${current === asked ? '' : ` (story #${asked} is part of it now)`}`;
}

/** Channels as mentions, comma-separated ("<#1>, <#2>"): a channel mention pings nobody. */
export function channelMentions(ids: readonly string[]): string {
  return ids.map((id) => `<#${id}>`).join(', ');
}
