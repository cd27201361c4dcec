// The pieces behind look-up answers that need no bot: the list store's expiry, and Discord's size limits for the
// largest possible pages (long titles full of markdown, long URLs, many outlets and tags).
import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { StoryCard } from '../../src/db/lookups.js';
import type { StoryView } from '../../src/db/story-views.js';
import { createListStore } from '../../src/discord/components/pagination.js';
import { renderListPage } from '../../src/discord/render/lookup-list.js';
import { renderStoryDetails, renderTopTags } from '../../src/discord/render/lookup-story.js';

const list = (n: number) => ({ guildId: 'g', kind: 'search' as const, title: `list ${n}`, note: '', ids: [n] });

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

describe('the list store', () => {
  it('forgets the least recently used list beyond its size, and any list idle too long', () => {
    let clock = 0;
    const store = createListStore({ maxLists: 3, idleMs: 1000, now: () => clock });
    const [a, b, c] = [store.save(list(1)), store.save(list(2)), store.save(list(3))];
    expect(a).toMatch(/^[\w-]{8}$/);
    expect(store.get(a)?.ids).toEqual([1]); // a is now the most recently used
    const d = store.save(list(4));
    expect(store.get(b)).toBeUndefined();
    expect(store.get(c)?.ids).toEqual([3]);
    expect(store.get(d)?.ids).toEqual([4]);
    expect(store.size).toBe(3);
    clock = 900;
    expect(store.get(a)?.ids).toEqual([1]); // use renews it
    clock = 1800;
    expect(store.get(a)?.ids).toEqual([1]);
    expect(store.get(c)).toBeUndefined();
    expect(store.size).toBe(2); // d is still counted until it is looked up
  });
});

describe('Discord limits', () => {
  const nasty = '*_~`|>#[]()-\\'.repeat(30);
  const card = (id: number): StoryCard => ({
    id,
    title: `${nasty} ${'word '.repeat(100)}`,
    url: `https://example.org/${'a'.repeat(2100)}`,
    sourceName: `@everyone ${nasty}`,
    summary: `${nasty} ${'summary '.repeat(200)}`,
    firstSeenAt: new Date('2026-01-01T00:00:00Z'),
    voteCount: 12345,
    voteSum: 50000,
    otherOutlets: 99,
    channelId: '123456789012345678',
    messageId: '123456789012345679',
    threadId: null,
  });

  it('keeps a page of ten worst-case stories within the embed limits', () => {
    for (const kind of ['search', 'top', 'top-all', 'latest'] as const) {
      const page = renderListPage({ guildId: '123456789012345670', kind, title: 'x'.repeat(400), note: 'n'.repeat(900), cards: Array.from({ length: 10 }, (_, i) => card(100000 + i)), page: 41, pages: 50, listId: 'abcdefgh' });
      const embed = page.embeds![0]!;
      expect(embed.description!.length).toBeLessThanOrEqual(4096);
      expect(embed.title!.length).toBeLessThanOrEqual(256);
      expect(embedLength(embed)).toBeLessThanOrEqual(6000);
      // Every story keeps its number and its place, even when links and summaries have to go.
      for (let i = 0; i < 10; i++) expect(embed.description).toContain(`**${411 + i}.**`);
      expect(embed.description).toContain('#100009');
      expect(embed.description).not.toMatch(/@everyone/);
    }
  });

  it('links a story posted in a forum to its forum post, not to the forum', () => {
    // A forum post is a thread whose first message has the thread's id.
    const forumCard: StoryCard = { ...card(8), title: 'Gas deal signed', url: 'https://news.example/gas', sourceName: 'Caspian Daily', summary: '', otherOutlets: 0, voteCount: 0, channelId: '500', messageId: '600', threadId: '600' };
    const page = renderListPage({ guildId: 'g', kind: 'latest', title: 'Latest', note: '', cards: [forumCard], page: 0, pages: 1 });
    expect(page.embeds![0]!.description).toContain('[post](https://discord.com/channels/g/600/600)');
  });

  it('links titles and shows summaries when there is room', () => {
    const small: StoryCard = { ...card(7), title: 'Gas deal signed', url: 'https://news.example/gas', sourceName: 'Caspian Daily', summary: 'Ministers signed it.', otherOutlets: 0, voteCount: 0 };
    const page = renderListPage({ guildId: 'g', kind: 'search', title: 'Search: gas', note: '1 story matches, best first.', cards: [small], page: 0, pages: 1 });
    expect(page.embeds![0]!.description).toBe(
      '1 story matches, best first.\n\n**1.** [Gas deal signed](https://news.example/gas)\nCaspian Daily · <t:1767225600:d> · [post](https://discord.com/channels/g/123456789012345678/123456789012345679) · #7\n> Ministers signed it.',
    );
    expect(page.components).toEqual([]);
  });

  it('keeps a story with very many outlets, tags and posts within the limits', () => {
    const view: StoryView = {
      id: 5,
      title: 't'.repeat(500),
      url: 'https://news.example/x',
      summary: `${nasty}${'s'.repeat(3000)}`,
      sourceName: 'o'.repeat(300),
      guildLanguage: 'en',
      author: 'a'.repeat(300),
      publishedAt: null,
      imageUrl: null,
      countries: Array.from({ length: 60 }, () => 'AZ'),
      tags: (['region', 'topic', 'member', 'country'] as const).flatMap((kind) => Array.from({ length: 80 }, (_, i) => ({ name: `${kind}${i}`, label: `${kind} label ${i} ${'x'.repeat(40)}`, kind }))),
      alsoCoveredBy: Array.from({ length: 60 }, (_, i) => ({ sourceName: `Outlet ${i} ${nasty}`, url: `https://o${i}.example/${'p'.repeat(250)}`, title: 'T'.repeat(200), count: 1 })),
      votes: { count: 3, sum: 12 },
      firstSeenAt: new Date(),
      threadId: '223456789012345678',
      posts: Array.from({ length: 40 }, (_, i) => ({ guildId: 'g', channelId: `3234567890123456${String(i).padStart(2, '0')}`, messageId: '423456789012345678', threadId: null })),
    };
    const embed = renderStoryDetails(view, '123456789012345670').embeds![0]!;
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(embed.fields!.find((f) => f.name === 'Sources (61)')!.value).toMatch(/and \d+ more$/);
    expect(embed.fields!.find((f) => f.name === 'Votes')!.value).toBe('4.0 / 5 from 3 votes (score 3.50)');
    const tags = renderTopTags(Array.from({ length: 25 }, (_, i) => ({ label: 'L'.repeat(200), kind: 'member' as const, stories: i }))).embeds![0]!;
    expect(embedLength(tags)).toBeLessThanOrEqual(6000);
  });
});
