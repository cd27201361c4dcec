// What a source would post, for `/source add` and `/source test`: one small embed per story (title linked to the
// article, outlet, date, summary), kept well inside Discord's limits (10 embeds, 6000 characters in all).
import type { APIEmbed } from 'discord-api-types/v10';
import type { SourcePreview } from '../../ingest/types.js';
import { countryName } from '../../pipeline/orchestrator.js';
import { clip, escapeText, isolatedText, plural, remoteText } from '../reply.js';
import { embedColor } from './story-message.js';
import { embedLength } from './embed-length.js';
import { shownLink, webUrl } from './links.js';
import { shownUrl } from '../../text/shown-url.js';

const kindWords: Record<string, string> = {
  feed: 'a feed',
  listing: 'a page whose new links become items',
  thread: 'a forum thread whose new posts become items',
  article: 'a single article',
};

export function describeKind(kind: string): string {
  return kindWords[kind] ?? kind;
}

/** Up to `max` stories as embeds; summaries are cut to 350 characters and the whole stays under Discord's 6000. */
export function previewEmbeds(preview: SourcePreview, max = 3): APIEmbed[] {
  return fitEmbeds(preview.stories.slice(0, max).map(({ articles }) => {
    const lead = articles[0]!;
    const others = articles.length - 1;
    const fields: NonNullable<APIEmbed['fields']> = [];
    if (lead.publishedAt) fields.push({ name: 'Published', value: `<t:${Math.floor(lead.publishedAt.getTime() / 1000)}:f>`, inline: true });
    if (lead.countries.length) fields.push({ name: 'Countries', value: clip(lead.countries.slice(0, 6).map(countryName).join(', '), 150), inline: true });
    if (lead.tags.length) fields.push({ name: 'Topics', value: clip(lead.tags.slice(0, 6).join(', '), 150), inline: true });
    return {
      title: clip(lead.title, 200),
      url: webUrl(lead.url),
      author: { name: clip(lead.source, 100) },
      description: clip(escapeText(lead.summary), 350) + (others > 0 ? `\n*…and ${plural(others, 'more article', 'more articles')} about this story in the same feed.*` : ''),
      color: embedColor,
      fields,
    };
  }));
}


/** Drops embeds from the end until all of them fit in one message. */
export function fitEmbeds(embeds: APIEmbed[], budget = 5800): APIEmbed[] {
  const kept: APIEmbed[] = [];
  let used = 0;
  for (const e of embeds.slice(0, 10)) {
    used += embedLength(e);
    if (used > budget) break;
    kept.push(e);
  }
  return kept;
}

/** One line per item that could not be read, for the end of a preview message. */
export function problemLines(preview: SourcePreview, max = 3): string {
  if (preview.problems.length === 0) return '';
  const lines = preview.problems.slice(0, max).map((p) => `• ${shownLink(clip(p.url, 120))}: ${remoteText(p.reason, 200)}`);
  if (preview.problems.length > max) lines.push(`• and ${preview.problems.length - max} more`);
  return `\n${plural(preview.problems.length, 'item', 'items')} could not be read:\n${lines.join('\n')}`;
}

/** "Al Jazeera (https://…/feed.xml), a feed" */
export function sourceLabel(source: { url: string; title?: string | null | undefined }): string {
  const url = clip(shownUrl(source.url), 300);
  return source.title ? `**${isolatedText(clip(source.title, 100))}** (<${url}>)` : `<${url}>`;
}
