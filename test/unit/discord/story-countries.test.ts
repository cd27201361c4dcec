// The countries a server's post and `/news story` show (src/discord/render/countries.ts): a country whose tag the
// server's moderators banned, or removed from the story, is not shown there (told "removed from 12 stories", they still saw its flag on every
// post), and a country a member tagged the story with is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { loadStoryView } from '../../../src/db/story-views.js';
import { addMemberTag, banTag, removeStoryTag } from '../../../src/db/tags.js';
import { renderStoryDetails } from '../../../src/discord/render/lookup-story.js';
import { renderStoryEmbed } from '../../../src/discord/render/story-message.js';
import { countryTag } from '../../../src/pipeline/orchestrator.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const [banning, other] = ['100000000000000161', '100000000000000162'];
const [mod, member] = ['200000000000000161', '200000000000000162'];
const countryInput = (code: string) => {
  const { name, label, kind } = countryTag(code);
  return { name, label, kind };
};

describe('the countries a server sees on a story', () => {
  let db: Database;
  let storyId: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    const stored = await storeArticle(db.prisma, articleFixture({ title: 'Border talks resume', countries: ['GE', 'AM'] }), newStory, { now: new Date(), windowHours: 72 });
    storyId = stored.storyId!;
    for (const guildId of [banning, other]) {
      await db.prisma.guild.create({ data: { id: guildId } });
      await db.prisma.guildStory.create({ data: { guildId, storyId } });
    }
  });
  afterAll(() => db.close());

  const countriesField = async (guildId: string) => {
    const view = (await loadStoryView(db.prisma, guildId, storyId))!;
    const post = renderStoryEmbed(view).fields?.find((f) => f.name === 'Countries')?.value;
    const details = renderStoryDetails(view, guildId).embeds?.[0]?.fields?.find((f) => f.name === 'Countries')?.value;
    expect(details).toBe(post);
    return post;
  };

  it('leaves out a country whose tag the server banned or removed, there only, and adds one a member tagged', async () => {
    expect(await countriesField(banning)).toBe('🇬🇪 Georgia, 🇦🇲 Armenia');
    await banTag(db.prisma, banning, mod, countryInput('GE'), new Date());
    expect(await countriesField(banning)).toBe('🇦🇲 Armenia');
    expect(await countriesField(other)).toBe('🇬🇪 Georgia, 🇦🇲 Armenia');
    await addMemberTag(db.prisma, other, storyId, member, countryInput('TR'), { max: 10, windowMs: 60_000 }, new Date(), new Date());
    expect(await countriesField(other)).toBe('🇬🇪 Georgia, 🇦🇲 Armenia, 🇹🇷 Türkiye');
    // Removed from the story by a moderator, there only.
    await db.prisma.tag.create({ data: { guildId: other, name: countryTag('AM').name, label: 'Armenia', kind: 'country' } }).then((tag) => db.prisma.storyTag.create({ data: { guildId: other, storyId, tagId: tag.id } }));
    await removeStoryTag(db.prisma, other, storyId, mod, 'armenia', true, new Date());
    expect(await countriesField(other)).toBe('🇬🇪 Georgia, 🇹🇷 Türkiye');
  });
});
