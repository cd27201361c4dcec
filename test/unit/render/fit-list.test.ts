// "As many as fit, then 'and N more'" (src/discord/render/fit-list.ts), and the lists that use it: the count of what
// was left out is measured with the rest, so it never pushes a field or description past Discord's limit.
import { describe, expect, it } from 'vitest';
import type { StoryView } from '../../../src/db/story-views.js';
import { alertMessage } from '../../../src/discord/alerts/alert-message.js';
import { andMore, fitList, fitListCounted } from '../../../src/discord/render/fit-list.js';
import { heldStoryLines, storyListLines } from '../../../src/discord/render/story-list.js';
import { embedLength } from '../../../src/discord/render/embed-length.js';
import { renderStoryEmbed } from '../../../src/discord/render/story-message.js';

describe('fitList', () => {
  const items = ['aaaa', 'bbbb', 'cccc', 'dddd'];

  it('keeps every item, with no count, when they all fit exactly', () => {
    expect(fitList(items, 19)).toBe('aaaa\nbbbb\ncccc\ndddd');
  });

  it('never goes past the limit with its count, at every limit', () => {
    for (let max = 1; max <= 40; max++) {
      const out = fitList(items, max, ', ', (n) => `and ${n} more`);
      expect(out.length).toBeLessThanOrEqual(max);
      const kept = out.split(', ').filter((s) => items.includes(s)).length;
      if (kept < items.length && max >= 10) expect(out).toMatch(new RegExp(`and ${items.length - kept} more$`));
    }
    expect(fitList(items, 18)).toBe('aaaa\nand 3 more');
    expect(fitList([...items, 'eeee'], 20)).toBe('aaaa\nbbbb\nand 3 more');
    expect(fitList([...items, 'eeee'], 19)).toBe('aaaa\nand 4 more');
  });

  it('says how many items it left out, for a caller that attaches the whole list', () => {
    expect(fitListCounted(items, 19)).toEqual({ text: 'aaaa\nbbbb\ncccc\ndddd', left: 0 });
    expect(fitListCounted(items, 18)).toEqual({ text: 'aaaa\nand 3 more', left: 3 });
    expect(fitListCounted(['a', 'b'], 100, '\n', andMore, 5)).toEqual({ text: 'a\nb\nand 3 more', left: 3 });
  });

  it('counts items beyond those given, even when the given ones fit', () => {
    expect(fitList(['a', 'b'], 100, '\n', (n) => `…and ${n} more`, 5)).toBe('a\nb\n…and 3 more');
  });
});

describe('lists cut with their count inside the limit', () => {
  it('in a post’s other outlets', () => {
    const outlets = Array.from({ length: 40 }, (_, i) => ({ sourceName: `Outlet ${i}`, url: `https://o${i}.example/${'p'.repeat(i % 7 * 9)}`, title: 'T', count: 1 }));
    const base = { id: 7, title: 'T', url: 'https://a.example/', summary: 'S', sourceName: 'A', guildLanguage: 'en', author: null, publishedAt: null, imageUrl: null, countries: [], tags: [], votes: { count: 0, sum: 0 }, firstSeenAt: new Date(0), threadId: null, posts: [] };
    for (let n = 1; n <= outlets.length; n++) {
      const value = renderStoryEmbed({ ...base, alsoCoveredBy: outlets.slice(0, n) } as StoryView).fields!.find((f) => f.name === 'Also covered by')!.value;
      expect(value.length).toBeLessThanOrEqual(1024);
    }
  });

  it('in a post’s regions and tags, whole ones with a count, and the whole post within 6000 characters', () => {
    const base = { id: 7, title: 'T'.repeat(300), url: 'https://a.example/', sourceName: 'S'.repeat(200), guildLanguage: 'en', author: 'A'.repeat(60), publishedAt: null, imageUrl: null, countries: [], votes: { count: 0, sum: 0 }, firstSeenAt: new Date(0), threadId: null, posts: [] };
    const outlets = Array.from({ length: 40 }, (_, i) => ({ sourceName: `Outlet ${i} ${'n'.repeat(20)}`, url: `https://o${i}.example/`, title: 'T', count: 1 }));
    const tags = [
      ...Array.from({ length: 40 }, (_, i) => ({ name: `r${i}`, label: `North-(${i}) region ${'x'.repeat(30)}`, kind: 'region' as const })),
      ...Array.from({ length: 40 }, (_, i) => ({ name: `m${i}`, label: `member tag ${i} ${'y'.repeat(25)}`, kind: 'member' as const })),
    ];
    // A translated summary dense in markdown: escaped, it doubles.
    const summary = '*_-'.repeat(500);
    const embed = renderStoryEmbed({ ...base, summary, tags, alsoCoveredBy: outlets } as unknown as StoryView);
    const field = (name: string) => embed.fields!.find((f) => f.name === name)!.value;
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    expect(field('Tags')).toMatch(/^(`member tag \d+ y+` )+and \d+ more$/);
    expect(field('Region')).toMatch(/, and \d+ more$/);
    expect(field('Region')).not.toMatch(/\\…|\\$/);
    // The summary gives way, cut whole: no escape left without its character.
    expect(embed.description!.length).toBeGreaterThan(1000);
    expect(embed.description).not.toMatch(/(^|[^\\])(\\\\)*\\…?$/);
  });

  it('in the digest’s held stories, at every field size', () => {
    const held = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, title: `Held story ${i} ${'w'.repeat(i * 3)}`, url: `https://h.example/${i}`, sourceName: 'Outlet', channelId: '123456789012345678' }));
    for (let max = 100; max <= 1024; max += 7) {
      const value = heldStoryLines(held, 400, max);
      expect(value.length).toBeLessThanOrEqual(max);
      expect(value).toMatch(/…and \d+ more: `\/news search` finds them\.$/);
    }
  });

  it('in the digest’s top list, which says how many it left out', () => {
    const stories = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, title: 'T '.repeat(80), url: `https://d.example/${'q'.repeat(250)}`, sourceName: 'S'.repeat(60), firstSeenAt: new Date(0), voteCount: 0, voteSum: 0, score: 0, channelId: '1', messageId: '2', threadId: null }));
    const value = storyListLines('900000000000000001', stories);
    expect(value.length).toBeLessThanOrEqual(4000);
    const listed = value.split('\n').filter((l) => l.startsWith('**')).length;
    expect(listed).toBeLessThan(10);
    expect(value).toMatch(new RegExp(`…and ${10 - listed} more: \`/news top\` lists them\\.$`));
  });

  it('in an alert, counting left-out stories, not lines', () => {
    const long = (id: number) => ({ id, title: 'word '.repeat(30), url: 'https://a.example/', sourceName: 'S', channelId: '1', messageId: '2', threadId: null });
    const sections = [0, 1, 2].map((g) => ({ guildId: `${g + 1}`, guildName: `Server ${g}`, stories: Array.from({ length: 12 }, (_, i) => long(g * 12 + i + 1)) }));
    const description = alertMessage({ sections, more: 4, batchMinutes: 60, unfollow: [] }).embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    const listed = description.split('\n').filter((l) => l.startsWith('•')).length;
    expect(description).toMatch(new RegExp(`…and ${36 + 4 - listed} more stories: \`/news latest\` in the server shows them\\.$`));
  });
});
