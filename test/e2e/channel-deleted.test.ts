// A channel Gazette posts to is deleted: its sources are paused saying why, its routes removed and its waiting posts
// dropped, from the gateway's ChannelDelete, or from a post Discord refused because the channel no longer exists (it
// was deleted while Gazette was stopped). Before, each new story planned one more post Discord refused, for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelGoneReason } from '../../src/db/channel-gone.js';
import { addRoute } from '../../src/db/routes.js';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

describe('a deleted channel', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  const prisma = () => t.app.db.prisma;
  const follow = (url: string, channelId: string) => addSource(prisma(), { guildId: t.guildId, actorId: t.users.admin, url, kind: 'feed', channelId, intervalMinutes: 15 });
  const sourceState = async (id: number) => prisma().source.findUniqueOrThrow({ where: { id }, select: { paused: true, pausedReason: true } });

  it('pauses its sources, removes its routes and drops its waiting posts, audited as Gazette’s', async () => {
    const doomed = t.discord.addChannel(t.guildId, { name: 'doomed', type: 'text' });
    const source = await follow('https://doomed.example/feed.xml', doomed);
    const kept = await follow('https://kept.example/feed.xml', t.channels.news);
    const route = await addRoute(prisma(), t.guildId, t.users.admin, { kind: 'region', value: 'south-caucasus', channelId: doomed });
    const storyId = await t.planPost(doomed);
    await prisma().delivery.updateMany({ where: { storyId }, data: { nextAttemptAt: new Date(Date.now() + 3_600_000) } });

    t.discord.deleteChannel(doomed);
    await expect.poll(() => sourceState(source.id), { timeout: 5_000 }).toEqual({ paused: true, pausedReason: channelGoneReason });
    expect(await sourceState(kept.id)).toEqual({ paused: false, pausedReason: null });
    expect(await prisma().route.count({ where: { id: route.id } })).toBe(0);
    expect(await prisma().delivery.count({ where: { channelId: doomed } })).toBe(0);
    expect(await prisma().auditLog.findFirst({ where: { action: 'channel.deleted' } })).toMatchObject({ actorId: 'gazette', target: `channel:${doomed}`, details: { pausedSources: [source.id], removedRoutes: [route.id], droppedPosts: 1 } });
  });

  it('is forgotten as the log channel, where source alerts went unseen', async () => {
    const log = t.discord.addChannel(t.guildId, { name: 'gazette-log', type: 'text' });
    await prisma().guild.update({ where: { id: t.guildId }, data: { logChannelId: log } });
    t.discord.deleteChannel(log);
    await expect.poll(async () => (await prisma().guild.findUniqueOrThrow({ where: { id: t.guildId } })).logChannelId, { timeout: 5_000 }).toBeNull();
    expect(await prisma().auditLog.findFirst({ where: { action: 'channel.deleted', target: `channel:${log}` } })).toMatchObject({ actorId: 'gazette', details: { logChannel: true } });
  });

  it('takes a deleted role off the routes that mention it, and off the posts waiting with its mention', async () => {
    const role = t.discord.addRole(t.guildId, { name: 'news pings', mentionable: true });
    const route = await addRoute(prisma(), t.guildId, t.users.admin, { kind: 'region', value: 'south-caucasus', channelId: t.channels.news, roleId: role, pingCooldownMinutes: 60 });
    const storyId = await t.planPost(t.channels.news);
    await prisma().delivery.updateMany({ where: { storyId }, data: { mentionRoleId: role, nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    t.discord.deleteRole(t.guildId, role);
    await expect.poll(async () => (await prisma().route.findUniqueOrThrow({ where: { id: route.id } })).roleId, { timeout: 5_000 }).toBeNull();
    expect(await prisma().delivery.findMany({ where: { storyId }, select: { mentionRoleId: true } })).toEqual([{ mentionRoleId: null }]);
    expect(await prisma().auditLog.findFirst({ where: { action: 'role.deleted' } })).toMatchObject({ actorId: 'gazette', target: `role:${role}`, details: { routes: [route.id] } });
  });

  it('is found by a refused post when it went while Gazette was away', async () => {
    const vanished = '300000000000009999'; // no such channel: deleted before this process saw it
    const source = await follow('https://vanished.example/feed.xml', vanished);
    const storyId = await t.planPost(vanished);
    await t.deliver();
    expect(await prisma().delivery.findFirstOrThrow({ where: { storyId } })).toMatchObject({ status: 'failed', lastError: `The channel <#${vanished}> no longer exists.` });
    await expect.poll(() => sourceState(source.id), { timeout: 5_000 }).toEqual({ paused: true, pausedReason: channelGoneReason });
  });
});
