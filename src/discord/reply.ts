// Every message Gazette sends goes through these shapes: no mentions are ever parsed (feed text must never ping
// @everyone or a role), and Discord's size limits are respected by construction.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord-api-types/v10';
import { clipText } from '../text/clip.js';

export const noMentions = { parse: [] as never[] };

export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: { name: string; data: Buffer; description?: string }[];
}

/** "1 story", "3 stories": a count with its noun. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Cuts text to `max` characters (UTF-16, as Discord counts) at a word boundary, with an ellipsis (text/clip.ts). */
export function clip(text: string, max: number): string {
  return clipText(text, max);
}

/** Text as a Discord message would show it, with markdown and mention syntax neutralised (feed text is untrusted). */
export function escapeText(text: string): string {
  return text
    .replace(/[\\*_~`|>#[\]()-]/g, (c) => `\\${c}`)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
}
