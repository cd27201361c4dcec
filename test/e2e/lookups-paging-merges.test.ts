// A member pages a list while a moderator merges its stories: every story is seen once, none is skipped, whichever
// page the merge moves it to (src/discord/components/pagination.ts, pageIds).
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { InteractionRecord } from '../helpers/discord/interactions.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';

type Response = NonNullable<InteractionRecord['firstResponse']>;
const embedOf = (r: Response) => (r.data as { embeds?: APIEmbed[] }).embeds?.[0];
const storyNumbers = (r: Response) => [...(embedOf(r)?.description ?? '').matchAll(/(?:^| · )#(\d+)$/gm)].map((m) => Number(m[1]));
const buttonsOf = (r: Response) => ((r.data as { components?: { components: { custom_id?: string }[] }[] }).components ?? []).flatMap((row) => row.components);

describe('paging a list while its stories are merged', () => {
  let t: TestBot;
  /** Newest first, as `/news latest` lists them. */
  const stories: number[] = [];

  beforeAll(async () => {
    t = await startTestBot();
    await t.db.prisma.guild.upsert({ where: { id: t.guildId }, create: { id: t.guildId }, update: {} });
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.now() - (i + 1) * 3600_000);
      const stored = await storeArticle(t.db.prisma, articleFixture({ title: `Council session ${i + 1}`, summary: `The council met for session ${i + 1}.`, url: `https://wire.example/s${i}` }), newStory, { now: at, windowHours: 1 });
      if (stored.status !== 'stored') throw new Error('not stored');
      await t.db.prisma.guildStory.create({ data: { guildId: t.guildId, storyId: stored.storyId, createdAt: at } });
      stories.push(stored.storyId);
    }
  });
  afterAll(() => t.close());

  it('shows a story of a later page that a story of the page just seen was merged into', async () => {
    const list = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news latest', {}).settled();
    const first = list.firstResponse!;
    expect(storyNumbers(first)).toEqual(stories.slice(0, 10));
    // While alice reads page 1, its fourth story is merged into the fifteenth, one of page 2.
    const merge = await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story merge', { story: stories[3]!, into: stories[14]! }).settled();
    expect(String((merge.firstResponse!.data as { content?: string }).content)).toMatch(/^Merged story/);
    const click = async (from: Response, button: number) => (await t.discord.button(t.discord.message(list.originalMessageId!)!, t.users.alice, buttonsOf(from)[button]!.custom_id!).settled()).firstResponse!;
    const second = await click(first, 2);
    expect(storyNumbers(second)).toEqual(stories.slice(10, 20));
    const third = await click(second, 2);
    const seen = [...storyNumbers(first), ...storyNumbers(second), ...storyNumbers(third)];
    // Every story still standing was seen; the merged-away one only on the page shown before the merge.
    expect(new Set(seen)).toEqual(new Set(stories));
    // Back on page 1 the merged story is not shown again: page 2 has it.
    const backToSecond = await click(third, 0);
    expect(storyNumbers(backToSecond)).toEqual(stories.slice(10, 20));
    const back = await click(backToSecond, 0);
    expect(storyNumbers(back)).toEqual(stories.slice(0, 10).filter((id) => id !== stories[3]));
    t.discord.assertNoViolations();
  });
});
