import { describe, expect, it } from 'vitest';
import type { StoryView } from '../../../src/db/story-views.js';
import { renderStoryDetails } from '../../../src/discord/render/lookup-story.js';
import { renderStoryEmbed, storyButtons } from '../../../src/discord/render/story-message.js';
import { messageLimitErrors } from '../../helpers/discord/limits.js';

function view(alsoCoveredBy: StoryView['alsoCoveredBy']): StoryView {
  return {
    id: 7,
    title: 'Lead title',
    url: 'https://aj.example/lead',
    summary: 'Summary.',
    sourceName: 'Al Jazeera',
    guildLanguage: 'en',
    author: null,
    publishedAt: null,
    imageUrl: null,
    countries: [],
    tags: [],
    alsoCoveredBy,
    votes: { count: 0, sum: 0 },
    firstSeenAt: new Date('2026-03-01T12:00:00Z'),
    threadId: null,
    posts: [],
  };
}

const outlets: StoryView['alsoCoveredBy'] = [
  { sourceName: 'Al Jazeera', url: 'https://aj.example/update', title: 'Update', count: 1 },
  { sourceName: 'OC Media', url: 'https://oc.example/2', title: 'OC second', count: 2 },
];

describe('other outlets in a story’s post and in /news story', () => {
  it('shows an outlet’s count in the post when it has more than one article, outside the link', () => {
    const field = renderStoryEmbed(view(outlets)).fields!.find((f) => f.name === 'Also covered by');
    expect(field!.value).toBe('[Al Jazeera](https://aj.example/update), [OC Media](https://oc.example/2) (2)');
  });

  it('counts every article in /news story’s sources, the lead’s outlet included', () => {
    const field = renderStoryDetails(view(outlets), '123456789012345670').embeds![0]!.fields!.find((f) => f.name.startsWith('Sources'));
    expect(field!.name).toBe('Sources (4)');
    expect(field!.value.split('\n')).toEqual([
      '[Al Jazeera](https://aj.example/lead): Lead title',
      '[Al Jazeera](https://aj.example/update): Update',
      '[OC Media](https://oc.example/2) (2): OC second',
    ]);
  });

  it('names an outlet’s language when it is not the lead’s, in the post and in /news story', () => {
    const mixed: StoryView['alsoCoveredBy'] = [{ sourceName: 'TASS', url: 'https://tass.example/1', title: 'Переговоры', count: 2, language: 'ru' }];
    expect(renderStoryEmbed(view(mixed)).fields!.find((f) => f.name === 'Also covered by')!.value).toBe('[TASS](https://tass.example/1) (2, RU)');
    const sources = renderStoryDetails(view(mixed), '123456789012345670').embeds![0]!.fields!.find((f) => f.name.startsWith('Sources'))!;
    expect(sources.value.split('\n')[1]).toBe('[TASS](https://tass.example/1) (2, RU): Переговоры');
  });

  it('keeps the post’s field within Discord’s 1,024 characters with many counted outlets', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ sourceName: `Outlet ${i} ${'n'.repeat(60)}`, url: `https://o${i}.example/${'p'.repeat(100)}`, title: 'T', count: 12 }));
    const field = renderStoryEmbed(view(many)).fields!.find((f) => f.name === 'Also covered by')!;
    expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(field.value).toMatch(/\(12\), and \d+ more$/);
  });

  it('leaves out the link button of an article address too long for one, which would refuse the whole post', () => {
    const long = { ...view([]), url: `https://news.example/a?${'utm=x&'.repeat(100)}` };
    const row = (v: StoryView) => storyButtons(v, { discuss: true });
    expect(row(view([])).components.map((b) => ('label' in b ? b.label : undefined))).toEqual(['Tag', 'Discuss', 'Read the article']);
    expect(row(long).components.map((b) => ('label' in b ? b.label : undefined))).toEqual(['Tag', 'Discuss']);
    expect(messageLimitErrors({ embeds: [renderStoryEmbed(long)], components: [row(long)] })).toEqual([]);
    expect(messageLimitErrors({ components: [{ type: 1, components: [{ type: 2, style: 5, url: long.url, label: 'x' }] }] })).not.toEqual([]);
  });
});
