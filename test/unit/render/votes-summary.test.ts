// A story's votes read the same wherever Gazette shows them (src/discord/render/votes-summary.ts): its post, /news
// story, /news lists and the digest.
import { describe, expect, it } from 'vitest';
import type { StoryCard } from '../../../src/db/lookups-cards.js';
import type { StoryView } from '../../../src/db/story-views.js';
import { renderListPage } from '../../../src/discord/render/lookup-list.js';
import { renderStoryDetails } from '../../../src/discord/render/lookup-story.js';
import { storyListLines } from '../../../src/discord/render/story-list.js';
import { renderStoryEmbed } from '../../../src/discord/render/story-message.js';
import { votesSummary } from '../../../src/discord/render/votes-summary.js';
import { bayesianAverage } from '../../../src/ranking/significance.js';

const guildId = '900000000000000001';
const votes = { count: 2, sum: 8 };
const long = `4.0 / 5 from 2 votes (score ${bayesianAverage(2, 8).toFixed(2)})`;

const view: StoryView = {
  id: 7, title: 'T', url: 'https://a.example/', summary: 'S', sourceName: 'Outlet', guildLanguage: 'en', author: null, publishedAt: null,
  imageUrl: null, countries: [], tags: [], alsoCoveredBy: [], votes, firstSeenAt: new Date(0), threadId: null, posts: [],
};
const card: StoryCard = { id: 7, title: 'T', url: 'https://a.example/', sourceName: 'Outlet', summary: 'S', firstSeenAt: new Date(0), voteCount: 2, voteSum: 8, otherOutlets: 1, channelId: null, messageId: null, threadId: null };

describe('a story’s votes in words', () => {
  it('has a long form with the score and a short one for lists, and says when there are none', () => {
    expect(votesSummary(votes)).toMatch(/^4\.0 \/ 5 from 2 votes \(score \d\.\d\d\)$/);
    expect(votesSummary(votes, 'short')).toBe('4.0 / 5 from 2 votes');
    expect(votesSummary({ count: 1, sum: 3 }, 'short')).toBe('3.0 / 5 from 1 vote');
    expect(votesSummary({ count: 0, sum: 0 })).toBe('No votes yet');
  });

  it('reads the same in a post, /news story, a /news list and the digest', () => {
    expect(renderStoryEmbed(view).fields!.find((f) => f.name === 'Significance')!.value).toBe(long);
    expect(renderStoryDetails(view, guildId).embeds![0]!.fields!.find((f) => f.name === 'Votes')!.value).toBe(long);
    const page = (kind: 'top' | 'top-all') => renderListPage({ guildId, kind, title: 'Top', note: 'N', cards: [card], page: 0, pages: 1 }).embeds![0]!.description!;
    expect(page('top')).toContain(' · 4.0 / 5 from 2 votes · ');
    expect(page('top')).not.toContain('score');
    expect(page('top-all')).toContain(` · ${long} · `);
    expect(storyListLines(guildId, [{ ...card, score: 0 }])).toContain(' · 4.0 / 5 from 2 votes · ');
  });
});
