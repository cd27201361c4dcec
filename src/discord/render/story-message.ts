// The post for one story: an embed (title linked to the article, summary, source and author, date as a Discord
// timestamp, flags and regions, tags, other outlets, significance) and buttons to vote, tag and discuss.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import type { StoryView } from '../../db/story-views.js';
import { clip, escapedWithin, escapeText, isolatedText } from '../reply.js';
import { embedLength, maxEmbedChars } from './embed-length.js';
import { customId } from '../custom-ids.js';
import { shownCountries } from './countries.js';
import { fitList } from './fit-list.js';
import { markdownLink, maxButtonUrl, webUrl } from './links.js';
import { postJumpLink } from './story-list.js';
import { votesSummary } from './votes-summary.js';

export const embedColor = 0x2b6cb0;

export function significanceLine(votes: { count: number; sum: number }): string {
  return votes.count === 0 ? 'No votes yet: rate it with the buttons below.' : votesSummary(votes);
}

/** "Outlet (2)" when an outlet has more than one article in the story, so a second article is never invisible. */
/** After an outlet's link: how many of its articles the story has, and its language when not the lead's. */
export function outletCount(count: number, language?: string): string {
  const notes = [count > 1 ? String(count) : '', language ? language.toUpperCase() : ''].filter(Boolean);
  return notes.length ? ` (${notes.join(', ')})` : '';
}

function linkList(items: { sourceName: string; url: string; count: number; language?: string | undefined }[], max: number): string {
  // The count sits outside the link: the link opens one article, the count is the outlet's.
  return fitList(items.map((item) => `${markdownLink(isolatedText(clip(item.sourceName, 80)), item.url)}${outletCount(item.count, item.language)}`), max, ', ');
}

/** A post's footer: its story's number and how to look it up, then any note (which goes last: delivery recognizes its
 * own posts by the footer's start, post-story.ts). */
function storyFooter(storyId: number, note?: string): string {
  return `Story #${storyId} · /news story id:${storyId}${note ? ` · ${note}` : ''}`;
}

/**
 * `postedUnder`: the outlet name an outlet webhook's post went out under, when the story's lead is now another
 * outlet's (post-story.ts editStory): the post's name cannot change, so it says which outlet leads the story now.
 */
export function renderStoryEmbed(view: StoryView, postedUnder?: string): APIEmbed {
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (postedUnder) {
    const lead = isolatedText(clip(view.sourceName, 80));
    fields.push({ name: 'Outlet', value: `This story is now ${lead}'s report. The post went out under ${isolatedText(clip(postedUnder, 80))}'s name, when its article led the story, and a post's name cannot change.` });
  }
  if (view.publishedAt) {
    const unix = Math.floor(view.publishedAt.getTime() / 1000);
    fields.push({ name: 'Published', value: `<t:${unix}:f> (<t:${unix}:R>)`, inline: true });
  }
  const countries = shownCountries(view, 8);
  if (countries.length) fields.push({ name: 'Countries', value: clip(countries.join(', '), 1024), inline: true });
  // Whole items with a count of the rest, each list within a share of the embed's 6000 characters: clipped as one
  // string, a list ended in an open backtick or a stray escape, and a story with many tags went past 6000 (refused).
  const regions = view.tags.filter((t) => t.kind === 'region');
  if (regions.length) fields.push({ name: 'Region', value: fitList(regions.map((r) => escapeText(r.label)), 400, ', '), inline: true });
  const tags = view.tags.filter((t) => t.kind === 'topic' || t.kind === 'member');
  if (tags.length) fields.push({ name: 'Tags', value: fitList(tags.map((t) => `\`${t.label.replace(/`/g, "'")}\``), 600, ' ') });
  if (view.alsoCoveredBy.length) fields.push({ name: 'Also covered by', value: linkList(view.alsoCoveredBy, 1024) });
  fields.push({ name: 'Significance', value: significanceLine(view.votes) });
  const thumbnail = webUrl(view.imageUrl);
  const embed = {
    title: clip(view.title, 256),
    url: webUrl(view.url),
    description: '',
    color: embedColor,
    author: { name: clip([view.sourceName, view.author].filter(Boolean).join(' · '), 256) },
    fields,
    ...(thumbnail && { thumbnail: { url: thumbnail } }),
    footer: { text: storyFooter(view.id, view.languageNote) },
    ...(view.publishedAt && { timestamp: view.publishedAt.toISOString() }),
  } satisfies APIEmbed;
  // The summary takes what the rest leaves of Discord's 6000 (a translated summary escaped can run to 3,000).
  embed.description = escapedWithin(view.summary, Math.min(4096, maxEmbedChars - embedLength(embed)));
  return embed;
}

export function voteButtons(storyId: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [1, 2, 3, 4, 5].map((value) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: customId({ kind: 'vote', storyId, value }),
      label: `${value}`,
    })),
  };
}

export function storyButtons(view: StoryView, options: { discuss: boolean }): APIActionRowComponent<APIButtonComponent> {
  const buttons: APIButtonComponent[] = [
    { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customId({ kind: 'tag', storyId: view.id }), label: 'Tag' },
  ];
  if (options.discuss) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId({ kind: 'discuss', storyId: view.id }), label: 'Discuss' });
  // Discord takes a link button's address up to 512 characters, and refuses the whole post over it: a longer one (a
  // tracking-laden URL) is still the title's link.
  const url = webUrl(view.url, maxButtonUrl);
  if (url) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, url, label: 'Read the article' });
  return { type: ComponentType.ActionRow, components: buttons };
}

/**
 * The post of a story since merged into another that has its own post in the same channel. Showing the story again
 * would put it in the channel twice, with two sets of vote buttons; the post becomes a pointer to the one that stays,
 * with no buttons, and the same footer as a story's post.
 */
export function renderMergedPostMessage(view: StoryView, keptPost: { guildId: string } & Parameters<typeof postJumpLink>[1]) {
  return {
    embeds: [
      {
        title: clip(view.title, 256),
        url: webUrl(view.url),
        description: `Now one story with [this post](${postJumpLink(keptPost.guildId, keptPost)}): its outlets, votes, tags and discussion are there.`,
        color: embedColor,
        footer: { text: storyFooter(view.id) },
      },
    ],
    components: [],
  };
}

/** The whole post. In a forum the post is its own thread, so it has no Discuss button. */
export function renderStoryMessage(view: StoryView, options: { forum?: boolean; postedUnder?: string | undefined } = {}) {
  return {
    embeds: [renderStoryEmbed(view, options.postedUnder)],
    components: [voteButtons(view.id), storyButtons(view, { discuss: !options.forum })],
  };
}
