// One page of a story list (`/news search`, `top`, `latest`): an embed with numbered lines and Previous / Next
// buttons. Every line has a fixed budget, so a full page always fits Discord's limits (description ≤ 4096, whole
// embed ≤ 6000) whatever the titles, outlets and URLs hold.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import type { StoryCard } from '../../db/lookups.js';
import { clip, escapedWithin, isolatedWithin, plural, type ReplyPayload } from '../reply.js';
import { embedColor } from './story-message.js';
import { markdownLink, maxTextUrl } from './links.js';
import { firstPostLink } from './story-list.js';
import { votesSummary } from './votes-summary.js';
import { customId, pageCounterId } from '../custom-ids.js';

export const pageSize = 10;

/**
 * What a list line shows besides title, outlet and votes. Only an all-time top list shows each story's score: a list
 * of a period is ordered by a score that also decays with the story's age, and the all-time one beside it would
 * read as a wrong order.
 */
export type ListKind = 'search' | 'top' | 'top-all' | 'latest';

export interface ListPage {
  guildId: string;
  kind: ListKind;
  title: string;
  /** Shown under the title: what was asked (filters) and how many results there are. */
  note: string;
  cards: StoryCard[];
  /** 0-based page and page count. */
  page: number;
  pages: number;
  /** Id of the stored list the buttons page through; absent for a single page. */
  listId?: string | undefined;
}

/**
 * One story in at most `room` characters. The story number and the title always show; outlet, date, votes, the
 * jump link to the post, the link to the article and (for searches) the start of the summary are added in that
 * order while they fit.
 */
function storyLine(guildId: string, kind: ListKind, card: StoryCard, number: number, room: number): string {
  const prefix = `**${number}.** `;
  // Titles and outlets in Arabic, Persian or Hebrew are isolated: " · +2 outlets · …" after them was pulled into their
  // right-to-left run, and a line beginning with one could turn right to left whole (reply.ts isolatedText).
  const title = isolatedWithin(card.title || `Story #${card.id}`, Math.min(150, room - prefix.length - 12));
  const meta: string[] = [`#${card.id}`];
  const link = firstPostLink(guildId, card);
  const optional = [
    isolatedWithin(card.sourceName, 40),
    card.otherOutlets > 0 ? `+${plural(card.otherOutlets, 'outlet', 'outlets')}` : '',
    `<t:${Math.floor(card.firstSeenAt.getTime() / 1000)}:${kind === 'latest' ? 'R' : 'd'}>`,
    card.voteCount > 0 ? votesSummary({ count: card.voteCount, sum: card.voteSum }, kind === 'top-all' ? 'long' : 'short') : '',
    link ? `[post](${link})` : '',
  ];
  let used = prefix.length + title.length + 1 + meta[0]!.length;
  for (const part of optional) {
    if (part && used + part.length + 3 <= room) {
      meta.push(part);
      used += part.length + 3;
    }
  }
  // The article's link only when its address fits what is left of the line.
  const head = markdownLink(title, card.url, Math.min(maxTextUrl, room - used - 4));
  used += head.length - title.length;
  const line = `${prefix}${head}\n${[...meta.slice(1), meta[0]].join(' · ')}`;
  const left = room - used - 3;
  if (kind !== 'search' || !card.summary || left < 40) return line;
  return `${line}\n> ${escapedWithin(card.summary.replace(/\s+/g, ' '), Math.min(left, 200))}`;
}

export function listButtons(listId: string, page: number, pages: number): APIActionRowComponent<APIButtonComponent> {
  // custom_ids must differ within a message: the targets of Previous and Next always do, the counter is fixed.
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId({ kind: 'page', listId, page: Math.max(0, page - 1) }), label: 'Previous', disabled: page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: pageCounterId(listId), label: `Page ${page + 1} of ${pages}`, disabled: true },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId({ kind: 'page', listId, page: Math.min(pages - 1, page + 1) }), label: 'Next', disabled: page >= pages - 1 },
    ],
  };
}

export function renderListPage(list: ListPage): ReplyPayload {
  const start = list.page * pageSize;
  const note = clip(list.note, 600);
  // The description's 4096 characters, less the note, shared evenly by the page's lines and their separators.
  const room = Math.floor((4000 - note.length) / Math.max(1, list.cards.length)) - 2;
  const lines = list.cards.map((card, i) => storyLine(list.guildId, list.kind, card, start + i + 1, room));
  const body = lines.join('\n\n');
  const embed: APIEmbed = {
    title: clip(list.title, 256),
    description: lines.length ? `${note}\n\n${body}` : note,
    color: embedColor,
    footer: { text: list.pages > 1 ? `Page ${list.page + 1} of ${list.pages}` : 'Page 1 of 1' },
  };
  return { embeds: [embed], components: list.listId && list.pages > 1 ? [listButtons(list.listId, list.page, list.pages)] : [] };
}
