// A post an attempt made whose answer was lost is looked for by its footer: the story's own number first, a merged
// story's only when there is none (src/discord/delivery/find-post.ts). Discord's answer to the channel's messages is
// given here as data.
import type { APIMessage, Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { findMessage } from '../../../src/discord/delivery/find-post.js';

const botId = '900000000000000001';
const message = (id: string, storyId: number, authorId = botId) => ({ id, author: { id: authorId }, embeds: [{ footer: { text: `Story #${storyId} · Al Jazeera` } }] }) as unknown as APIMessage;
const clientWith = (messages: APIMessage[]) => ({ user: { id: botId }, rest: { get: async () => messages } }) as unknown as Client;
const as = { guildId: '100000000000000001', channelId: '300000000000000001', storyId: 9, title: 'Kept story', formerStories: [{ id: 7, title: 'Merged story' }] };

describe('finding a post made by an attempt whose answer was lost', () => {
  it('takes the story’s own post before a post of a story merged into it, newest first or not', async () => {
    expect(await findMessage(clientWith([message('m-merged', 7), message('m-own', 9)]), as, null)).toMatchObject({ messageId: 'm-own' });
  });

  it('takes a merged story’s post when the story has none, and never another author’s', async () => {
    expect(await findMessage(clientWith([message('m-other', 9, '900000000000000002'), message('m-merged', 7)]), as, null)).toMatchObject({ messageId: 'm-merged' });
    expect(await findMessage(clientWith([message('m-other', 9, '900000000000000002')]), as, null)).toBeNull();
  });
});
