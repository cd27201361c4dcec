// A member's tag and a moderator's merge or ban of that tag at once. Unlocked, a link added while `/tags merge` copied
// the old tag's links was deleted with the old tag (the member told "Tagged"), and one added while `/tags ban`
// committed stayed on the story. Now the member's tag is held (FOR SHARE) and a merge or ban locks it (FOR UPDATE):
// the member's link waits, then lands on the merged tag or is refused as banned. The interleaving needs a PostgreSQL
// server (`scripts/with-postgres.sh npx vitest run test/unit/db/tag-races.test.ts`, as CI runs test/unit/db); embedded,
// the two run in turn, with the same outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { addMemberTag, banTag, mergeTags, renameTag } from '../../../src/db/tags.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';
import { queuedBehindLock } from '../../helpers/lock-queue.js';

const guild = '100000000000000141';
const [mod, alice] = ['200000000000000141', '200000000000000142'];
const limits = { max: 10, windowMs: 60_000 };
const tag = (label: string) => ({ name: label.toLowerCase(), label, kind: 'member' as const });

describe('a member tagging while a moderator merges or bans the tag', () => {
  let db: Database;
  const stories: number[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guild } });
    for (const i of [1, 2, 3, 4, 5]) {
      const stored = await storeArticle(db.prisma, articleFixture({ url: `https://races.example/${i}`, title: `Harbour story ${i}` }), newStory, { now: new Date(), windowHours: 72 });
      stories.push(stored.storyId!);
      await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId! } });
    }
  });
  afterAll(() => db.close());

  const tagsOf = async (storyId: number) => (await db.prisma.storyTag.findMany({ where: { guildId: guild, storyId }, include: { tag: true } })).map((l) => l.tag.name);
  const holdTag = (name: string) => async (tx: Parameters<Parameters<typeof queuedBehindLock>[1]>[0]) => {
    const held = await tx.tag.findFirstOrThrow({ where: { guildId: guild, name } });
    await tx.$queryRaw`SELECT id FROM "Tag" WHERE id = ${held.id} FOR UPDATE`;
  };

  it('lands the member’s link on the merged tag, where it was deleted with the old one', async () => {
    await addMemberTag(db.prisma, guild, stories[0]!, alice, tag('Port'), limits, new Date(), new Date());
    await addMemberTag(db.prisma, guild, stories[0]!, alice, tag('Harbour'), limits, new Date(), new Date());
    const [merge, added] = await queuedBehindLock(
      db,
      holdTag('port'),
      () => mergeTags(db.prisma, guild, mod, 'port', 'harbour', new Date()),
      () => addMemberTag(db.prisma, guild, stories[1]!, alice, tag('Port'), limits, new Date(), new Date()),
    );
    expect(merge.status).toBe('fulfilled');
    expect(added).toMatchObject({ status: 'fulfilled', value: { added: true } });
    expect(await tagsOf(stories[1]!)).toEqual(['harbour']);
    expect(await db.prisma.tag.findFirst({ where: { guildId: guild, name: 'port' } })).toBeNull();
  });

  it('refuses the member’s link to a tag whose ban commits first, where it stayed on the story', async () => {
    await addMemberTag(db.prisma, guild, stories[2]!, alice, tag('Spam'), limits, new Date(), new Date());
    const [ban, added] = await queuedBehindLock(
      db,
      holdTag('spam'),
      () => banTag(db.prisma, guild, mod, tag('Spam'), new Date()),
      () => addMemberTag(db.prisma, guild, stories[3]!, alice, tag('Spam'), limits, new Date(), new Date()),
    );
    expect(ban).toMatchObject({ status: 'fulfilled', value: { removedFromStories: 1 } });
    expect(added).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
    expect(await db.prisma.storyTag.count({ where: { guildId: guild, tag: { name: 'spam' } } })).toBe(0);
  });

  it('renames a tag while a member adds it to a posted story, without a deadlock', async () => {
    const story = stories[4]!;
    await db.prisma.delivery.create({ data: { storyId: story, guildId: guild, channelId: '300000000000000141', status: 'posted', messageId: '400000000000000141', nonce: 'rename-race' } });
    await addMemberTag(db.prisma, guild, story, alice, tag('Quay'), limits, new Date(), new Date());
    // The rename waits for the tag, the member's add (a modal sent twice) marks the story's post and then wants the tag.
    const [renamed, added] = await queuedBehindLock(
      db,
      holdTag('quay'),
      () => renameTag(db.prisma, guild, mod, 'quay', tag('Wharf'), new Date()),
      () => addMemberTag(db.prisma, guild, story, alice, tag('Quay'), limits, new Date(), new Date()),
    );
    expect(renamed).toMatchObject({ status: 'fulfilled', value: { stories: 1 } });
    expect(added).toMatchObject({ status: 'fulfilled', value: { added: false } });
    expect(await tagsOf(story)).toEqual(['wharf']);
  });
});
