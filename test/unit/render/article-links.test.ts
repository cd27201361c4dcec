// Every place that links an article's address follows one rule (src/discord/render/links.ts): only web addresses, of
// any case, and none too long for where it goes. A file: or javascript: address never becomes a link, and an address
// too long for an embed never makes Discord refuse the whole reply.
import { describe, expect, it } from 'vitest';
import type { StoryCard } from '../../../src/db/lookups-cards.js';
import type { StoryView } from '../../../src/db/story-views.js';
import type { SourcePreview } from '../../../src/ingest/types.js';
import { markdownLink, webUrl } from '../../../src/discord/render/links.js';
import { renderListPage } from '../../../src/discord/render/lookup-list.js';
import { renderStoryDetails } from '../../../src/discord/render/lookup-story.js';
import { previewEmbeds } from '../../../src/discord/render/moderation-preview.js';
import { heldStoryLines, storyListLines } from '../../../src/discord/render/story-list.js';
import { renderStoryEmbed } from '../../../src/discord/render/story-message.js';

const guildId = '900000000000000001';
const long = `https://news.example/a?${'x'.repeat(2100)}`;
const unsafe = ['file:///srv/feeds/item.html', 'javascript:alert(1)', long];
const upper = 'HTTPS://NEWS.EXAMPLE/Upper';

/** The addresses of a text's markdown links. */
function linked(text: string): string[] {
  return [...text.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]!);
}

function expectSafeLinks(text: string) {
  for (const url of linked(text)) {
    expect(url).toMatch(/^https?:\/\/\S+$/i);
    expect(url.length).toBeLessThanOrEqual(300);
  }
}

function view(url: string, otherUrl = url): StoryView {
  return {
    id: 7, title: 'Lead title', url, summary: 'Summary.', sourceName: 'Outlet', guildLanguage: 'en', author: null, publishedAt: null,
    imageUrl: url, countries: [], tags: [], alsoCoveredBy: [{ sourceName: 'Other', url: otherUrl, title: 'Other title', count: 1 }],
    votes: { count: 0, sum: 0 }, firstSeenAt: new Date('2026-03-01T12:00:00Z'), threadId: null, posts: [],
  };
}

function ranked(id: number, url: string) {
  return { id, title: `Title ${id}`, url, sourceName: 'Outlet', firstSeenAt: new Date(0), voteCount: 0, voteSum: 0, score: 0, channelId: null, messageId: null, threadId: null };
}

function card(id: number, url: string): StoryCard {
  return { id, title: `Title ${id}`, url, sourceName: 'Outlet', summary: 'S', firstSeenAt: new Date(0), voteCount: 0, voteSum: 0, otherOutlets: 0, channelId: null, messageId: null, threadId: null };
}

describe('one rule for linking an article', () => {
  it('takes web addresses of any case, within the limit, and nothing else', () => {
    expect(webUrl(upper)).toBe(upper);
    expect(webUrl('https://a.example/x y')).toBeUndefined();
    for (const url of unsafe) expect(webUrl(url)).toBeUndefined();
    expect(webUrl('https://a.example/1234', 20)).toBeUndefined();
    expect(markdownLink('Title', 'file:///etc/passwd')).toBe('Title');
    expect(markdownLink('Title', upper)).toBe(`[Title](${upper})`);
    expect(markdownLink('Wiki', 'https://en.example/wiki/A_(b')).toBe('[Wiki](https://en.example/wiki/A_%28b)');
  });

  it('links no unsafe or over-long address in /news story, and gives its embed no such link', () => {
    for (const url of unsafe) {
      const embed = renderStoryDetails(view(url), guildId).embeds![0]!;
      expect(embed.url).toBeUndefined();
      for (const field of embed.fields!) expectSafeLinks(field.value);
    }
    const embed = renderStoryDetails(view(upper), guildId).embeds![0]!;
    expect(embed.url).toBe(upper);
    expect(embed.fields!.find((f) => f.name.startsWith('Sources'))!.value).toContain(`[Outlet](${upper})`);
  });

  it('links no unsafe address in a post’s other outlets, and none as its link or thumbnail', () => {
    for (const url of unsafe) {
      const embed = renderStoryEmbed(view(url));
      expect(embed.url).toBeUndefined();
      expect(embed.thumbnail).toBeUndefined();
      expect(embed.fields!.find((f) => f.name === 'Also covered by')!.value).toBe('Other');
    }
    expect(renderStoryEmbed(view('https://a.example/lead', upper)).fields!.find((f) => f.name === 'Also covered by')!.value).toBe(`[Other](${upper})`);
  });

  it('links no unsafe address in a digest’s lines, its held stories or a /news list page', () => {
    const urls = [...unsafe, upper];
    const digest = storyListLines(guildId, urls.map((u, i) => ranked(i + 1, u)));
    expectSafeLinks(digest);
    expect(linked(digest)).toEqual([upper]);
    const held = heldStoryLines(urls.map((u, i) => ({ id: i + 1, title: `Title ${i + 1}`, url: u, sourceName: 'Outlet', channelId: '1' })), urls.length);
    expectSafeLinks(held);
    expect(linked(held)).toEqual([upper]);
    const page = renderListPage({ guildId, kind: 'latest', title: 'Latest', note: 'Note', cards: urls.map((u, i) => card(i + 1, u)), page: 0, pages: 1 }).embeds![0]!;
    expectSafeLinks(page.description!);
    expect(linked(page.description!)).toEqual([upper]);
  });

  it('gives a source preview’s embed no unsafe or over-long link', () => {
    const preview = (url: string) => ({ stories: [{ articles: [{ title: 'T', url, source: 'S', summary: 'x', countries: [], regions: [], tags: [] }] }] }) as unknown as SourcePreview;
    for (const url of unsafe) expect(previewEmbeds(preview(url))[0]!.url).toBeUndefined();
    expect(previewEmbeds(preview(upper))[0]!.url).toBe(upper);
  });
});
