// Discuss on a post that sits in a thread (a member's share into one) or in a voice channel's chat: Discord refuses a
// thread there, and the member was answered with the generic error. They are told where to discuss instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

const storyIdOf = (m: { data: { embeds: { footer?: { text: string } }[] } }) => Number(/Story #(\d+)/.exec(m.data.embeds[0]?.footer?.text ?? '')?.[1]);
const content = (r: { data?: unknown } | null | undefined) => (r?.data as { content?: string } | undefined)?.content;

describe('Discuss where no thread can start', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop(); // only the test's rounds post
  });
  afterAll(() => t.close());

  it('answers in words for a post in a voice channel’s chat and for one in a thread', async () => {
    const voice = t.discord.addChannel(t.guildId, { name: 'newsroom-voice', type: 'voice' });
    await t.planPost(voice);
    await t.deliver();
    const inVoice = t.discord.messages(voice)[0]!;
    const clickedVoice = await t.discord.button(inVoice.data.id, t.users.alice, `discuss:${storyIdOf(inVoice)}`).settled();
    expect(content(clickedVoice.firstResponse)).toBe(`Threads cannot be started in a voice channel's chat: discuss story #${storyIdOf(inVoice)} right here.`);

    // A thread opened from a story's post, then a second story posted into it.
    await t.planPost(t.channels.news);
    await t.deliver();
    const first = t.discord.messages(t.channels.news)[0]!;
    await t.discord.button(first.data.id, t.users.alice, `discuss:${storyIdOf(first)}`).settled();
    const thread = t.discord.threads(t.channels.news)[0]!;
    await t.planPost(thread.id);
    await t.deliver();
    const inThread = t.discord.messages(thread.id).find((m) => m.data.embeds.length > 0)!;
    const clickedThread = await t.discord.button(inThread.data.id, t.users.bob, `discuss:${storyIdOf(inThread)}`).settled();
    expect(content(clickedThread.firstResponse)).toBe(`Story #${storyIdOf(inThread)} is posted in this thread: discuss it right here.`);
    t.discord.assertNoViolations();
  });
});
