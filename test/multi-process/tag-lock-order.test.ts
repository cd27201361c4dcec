// A member's tag and an article joining the same story at once, on a PostgreSQL server. The article's store marks the
// story's posts for an edit and then writes its tags (planStorySql); a member's /tag add wrote the tag and then marked
// the posts: with the two interleaved, each waited on a row the other held until PostgreSQL aborted one (the member's
// command failed). The member's transaction now takes the posts first. Checked here by the order itself: while a
// third transaction holds the story's post, the member's /tag add waits without having written its tag, so a writer
// of the same tag (what the store's tag step does) is not kept waiting. And a vote is not held up by a moderator's
// limited add, which locks the server's row. Needs a server: `npm run test:multi-process`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import type { Database } from '../../src/db/client.js';
import { openScratchDatabase } from '../../src/db/scratch-database.js';
import { lockGuild } from '../../src/db/guilds.js';
import { addMemberTag, removeStoryTag } from '../../src/db/tags.js';
import type { Tx } from '../../src/db/tx.js';
import { castVote } from '../../src/db/votes.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';
import { holdInAnotherTransaction, untilLockWaiters } from '../helpers/lock-queue.js';

const guild = '100000000000000071';
const now = new Date('2026-03-01T12:00:00Z');
const limits = { max: 100, windowMs: 60_000 };

describe('a member tagging a story whose posts are being marked (PostgreSQL server)', () => {
  let db: Database;
  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('No PostgreSQL server: run `npm run test:multi-process`, which starts one (scripts/with-postgres.sh).');
    db = await openScratchDatabase(serverUrl, 'gazette_tag_locks');
    await db.prisma.guild.create({ data: { id: guild } });
  });
  afterAll(() => db?.close());

  async function postedStory(title: string): Promise<number> {
    const stored = await storeArticle(db.prisma, articleFixture({ title }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId: guild, storyId: stored.storyId, createdAt: now } });
    await db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: guild, channelId: '300000000000000071', status: 'posted', messageId: `9000000000000000${stored.storyId}`, nonce: `tag-lock-${stored.storyId}` } });
    return stored.storyId;
  }


  /** Runs `member` while a third transaction holds the story's post; meanwhile `writer` must get through at once. */
  async function whilePostHeld(storyId: number, member: () => Promise<unknown>, writer: (tx: Tx) => Promise<unknown>) {
    const release = await holdInAnotherTransaction(db, (tx) => tx.$queryRaw`SELECT 1 FROM "Delivery" WHERE "storyId" = ${storyId} FOR UPDATE`);
    const memberDone = member();
    await untilLockWaiters(db, 1);
    // Had the member written its tag row first, this would wait on it until lock_timeout.
    const written = db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '2s'`);
      return writer(tx);
    });
    const outcome = await written.then(() => 'done', (e: unknown) => `failed: ${String(e)}`);
    await release();
    await memberDone;
    return outcome;
  }

  it('adds a tag without holding the tag row while it waits for the story\'s posts', async () => {
    const storyId = await postedStory('Ferry strike halts Batumi crossings');
    const tag = await db.prisma.tag.create({ data: { guildId: guild, name: 'ferries', label: 'Ferries', kind: 'member' } });
    const outcome = await whilePostHeld(
      storyId,
      () => addMemberTag(db.prisma, guild, storyId, 'member', { name: 'ferries', label: 'Ferries', kind: 'member' }, limits, now, now),
      (tx) => tx.$executeRaw`INSERT INTO "StoryTag" ("guildId", "storyId", "tagId", "createdAt") VALUES (${guild}, ${storyId}, ${tag.id}, ${now}) ON CONFLICT DO NOTHING`,
    );
    expect(outcome).toBe('done');
  });

  it('removes a tag without holding the tag row while it waits for the story\'s posts', async () => {
    const storyId = await postedStory('Port of Poti reopens after storm');
    await addMemberTag(db.prisma, guild, storyId, 'member', { name: 'storms', label: 'Storms', kind: 'member' }, limits, now, now);
    const tag = await db.prisma.tag.findUniqueOrThrow({ where: { guildId_name: { guildId: guild, name: 'storms' } } });
    const outcome = await whilePostHeld(
      storyId,
      () => removeStoryTag(db.prisma, guild, storyId, 'member', 'storms', false, now),
      (tx) => tx.$executeRaw`UPDATE "StoryTag" SET "createdAt" = ${now} WHERE "storyId" = ${storyId} AND "tagId" = ${tag.id}`,
    );
    expect(outcome).toBe('done');
  });

  it('lets a member vote while a moderator\'s limited add holds the server (a submission, a region, a source)', async () => {
    const storyId = await postedStory('Tbilisi metro fares rise');
    const release = await holdInAnotherTransaction(db, (tx) => lockGuild(tx, guild));
    // The vote's rows take a key-share lock on the server's row: FOR UPDATE there held every vote up until the add ended.
    const voted = Promise.race([
      castVote(db.prisma, { guildId: guild, storyId, userId: 'voter', value: 4, now, editDelayMs: 3_000 }).then(() => 'voted'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000)),
    ]);
    const outcome = await voted;
    await release();
    expect(outcome).toBe('voted');
  });
});
