// `/news story`: one story in full — summary, every outlet that covered it with links, its tags, the votes (count,
// average, ranking score) and jump links to where it was posted — and `/news tags`.
import { type APIEmbed } from 'discord-api-types/v10';
import { channelLink } from 'discord.js';
import type { StoryView } from '../../db/story-views.js';
import type { TagKind } from '../../db/tags.js';
import { clip, escapeText, isolatedText, plural, type ReplyPayload } from '../reply.js';
import { shownCountries } from './countries.js';
import { fitList } from './fit-list.js';
import { markdownLink, webUrl } from './links.js';
import { embedColor, outletCount, voteButtons } from './story-message.js';
import { isForumPost, postJumpLink } from './story-list.js';
import { votesSummary } from './votes-summary.js';

const kindNames: Record<TagKind, string> = { country: 'Countries', region: 'Regions', topic: 'Topics', member: 'Member tags' };

function postLinks(view: StoryView, guildId: string): string[] {
  const links = view.posts.flatMap((p) => {
    if (!p.messageId) return [];
    const post = { ...p, messageId: p.messageId };
    return [`[${isForumPost(post) ? 'forum post' : 'post'} in <#${p.channelId}>](${postJumpLink(guildId, post)})`];
  });
  if (view.threadId) links.push(`[discussion thread](${channelLink(view.threadId, guildId)})`);
  return links;
}

/**
 * Field sizes are capped so the whole embed stays under Discord's 6000 characters: title 256, author 256,
 * description ≤ 1,600, sources 1,024, countries and each tag kind 300, votes ~80, posts 600, names and footer.
 */
export function renderStoryDetails(view: StoryView, guildId: string): ReplyPayload {
  const fields: NonNullable<APIEmbed['fields']> = [];
  const outlets: typeof view.alsoCoveredBy = [{ sourceName: view.sourceName, url: view.url, title: view.title, count: 1 }, ...view.alsoCoveredBy];
  // The heading counts articles, not lines: an outlet with several articles is one line, "Outlet (2)", linking its newest.
  const articles = outlets.reduce((sum, o) => sum + o.count, 0);
  fields.push({
    name: `Sources (${articles})`,
    value: fitList(outlets.map((o) => `${markdownLink(isolatedText(clip(o.sourceName, 60)), o.url)}${outletCount(o.count, o.language)}: ${isolatedText(clip(o.title, 90))}`), 1024),
  });
  const countries = shownCountries(view, view.countries.length);
  if (countries.length) fields.push({ name: 'Countries', value: fitList(countries, 300, ', '), inline: true });
  for (const kind of ['region', 'topic', 'member'] as const) {
    const tags = view.tags.filter((t) => t.kind === kind);
    if (tags.length) fields.push({ name: kindNames[kind], value: fitList(tags.map((t) => `\`${t.label.replace(/`/g, "'")}\``), 300, ' '), inline: true });
  }
  fields.push({ name: 'Votes', value: votesSummary(view.votes) });
  const posts = postLinks(view, guildId);
  fields.push({ name: 'Posted', value: posts.length ? fitList(posts, 600) : 'Not posted in this server (found by search or shared privately).' });
  const firstSeen = Math.floor(view.firstSeenAt.getTime() / 1000);
  const embed: APIEmbed = {
    title: clip(view.title, 256),
    url: webUrl(view.url),
    description: `${clip(escapeText(view.summary), 1500)}\n\nFirst seen <t:${firstSeen}:f>${view.author ? ` · by ${escapeText(clip(view.author, 80))}` : ''}`,
    color: embedColor,
    author: { name: clip(view.sourceName, 256) },
    fields,
    footer: { text: `Story #${view.id} · rate its significance below` },
  };
  return { embeds: [embed], components: [voteButtons(view.id)] };
}

export function renderTopTags(tags: { label: string; kind: TagKind; stories: number }[]): ReplyPayload {
  if (tags.length === 0) {
    return { content: 'No story here has tags yet. Stories get country, region and topic tags when they are posted, and members add their own with `/tag add`.' };
  }
  const kindLabel: Record<TagKind, string> = { country: 'country', region: 'region', topic: 'topic', member: 'member tag' };
  const lines = tags.map((t, i) => `**${i + 1}.** \`${clip(t.label, 50).replace(/`/g, "'")}\` · ${kindLabel[t.kind]} · ${plural(t.stories, 'story', 'stories')}`);
  return {
    embeds: [{ title: 'Most used tags', description: fitList(lines, 4000), color: embedColor, footer: { text: 'Filter by a tag: /news latest tag:… or /news search … tag:…' } }],
  };
}
