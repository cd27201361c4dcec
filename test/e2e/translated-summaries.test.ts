// Translated summaries (issue 11, item 6) through the real bot, the Discord stand-in and a local OpenAI-compatible
// stand-in: `/config language` sets a server's language (audited, in `/config show`, moderators only); a Russian
// article posted in an English server shows the translated summary, "Translated from Russian" and its original title;
// a second server in English reuses the cached translation (the endpoint is asked once); a vote's redraw keeps it;
// and without TRANSLATE_URL the Russian summary is posted as it is, labelled "In Russian".
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';
import { startHttpServer, type TestHttpServer } from '../helpers/http-server.js';
import { fixtureText, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const MANAGE_GUILD = 1n << 5n;
const russianTitle = 'Грузия и Армения договорились открыть новый пограничный переход';
const russianText = `Правительства Грузии и Армении во вторник договорились открыть новый пограничный переход на реке Дебед. Министры иностранных дел двух стран подписали соглашение в Тбилиси после трёх месяцев переговоров.

Новый переход должен сократить очереди грузовиков на существующем посту Садахло, где водители ждут по несколько дней. По словам чиновников, строительство начнётся весной и займёт около года.

Эксперты в Ереване считают, что соглашение укрепит торговлю между странами Южного Кавказа. Европейский союз пообещал выделить часть средств на строительство дороги к переходу.`;
const translation = 'Georgia and Armenia agreed on Tuesday to open a new border crossing on the Debed river. The new crossing should shorten the queues of lorries at Sadakhlo.';

interface Completion {
  model: string;
  messages: { role: string; content: string }[];
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A local OpenAI-compatible endpoint: answers every chat completion with the same translation, records the requests. */
async function startTranslationStandIn(): Promise<TestHttpServer & { completions: Completion[] }> {
  const completions: Completion[] = [];
  const server = await startHttpServer({
    'POST /v1/chat/completions': async (req, res) => {
      completions.push((await readJson(req)) as Completion);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'stand-in', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: translation }, finish_reason: 'stop' }] }));
    },
  });
  return Object.assign(server, { completions });
}

/** The posts Gazette sent to a text channel, newest last. */
function posts(t: TestBot, channelId: string) {
  return t.discord.messages(channelId, { includeEphemeral: false }).filter((m) => m.data.embeds.length);
}

async function run(t: TestBot, guildId: string, user: string, channelId: string, command: string, options: Record<string, OptionValue> = {}) {
  const handle = t.discord.slash(guildId, user, channelId, command, options);
  await handle.settled({ timeoutMs: 25_000 });
  return handle.originalMessage()?.data ?? null;
}

async function publish(t: TestBot, site: NewsSite, feedId: number, slug: string, title: string, text: string) {
  site.items.unshift({ slug, title, text, published: new Date(), fullInFeed: true });
  await t.pollNow(feedId);
}

describe('translated summaries, with a translation endpoint', () => {
  let t: TestBot;
  let site: NewsSite;
  let llm: Awaited<ReturnType<typeof startTranslationStandIn>>;
  let feedId: number;
  const second = { guildId: '', channel: '', admin: '' };

  beforeAll(async () => {
    llm = await startTranslationStandIn();
    // A vote's edit of the post after 0.5 s rather than the default 3.
    t = await startTestBot({ env: { TRANSLATE_URL: `${llm.origin}/v1`, TRANSLATE_MODEL: 'stand-in-model', TRANSLATE_API_KEY: 'sk-test' }, voteEditDelayMs: 500 });
    site = await startNewsSite('Meduza');
    second.guildId = t.discord.addGuild({ name: 'Second Server' });
    second.channel = t.discord.addChannel(second.guildId, { name: 'headlines', type: 'text' });
    second.admin = t.discord.addMember(second.guildId, { username: 'admin2', permissions: MANAGE_GUILD });
    await t.discord.waitFor(() => t.app.bot.client.guilds.cache.get(second.guildId)?.channels.cache.has(second.channel) ?? false, 5000, 'the bot to see the second server');
    feedId = (await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 })).feedId;
    await addSource(t.app.db.prisma, { guildId: second.guildId, actorId: second.admin, url: site.feedUrl, kind: 'feed', channelId: second.channel, intervalMinutes: 15 });
    await t.poll(); // the first fetch of an empty feed
  });
  afterAll(async () => {
    await t.close();
    await site.close();
    await llm.close();
  });

  it('sets the server language with /config language: autocomplete, bad input in words, audited, shown, moderators only', async () => {
    const record = await t.discord.autocomplete(t.guildId, t.users.admin, t.channels.news, 'config language', { code: 'russ' }, 'code').settled();
    expect((record.firstResponse!.data as { choices: { name: string; value: string }[] }).choices[0]).toEqual({ name: 'Russian · русский (ru)', value: 'ru' });

    expect((await run(t, t.guildId, t.users.admin, t.channels.news, 'config language', { code: 'klingonese' }))?.content).toMatch(/^Gazette does not know the language "klingonese"\. Give a two-letter ISO 639-1 code/);
    expect((await run(t, t.guildId, t.users.alice, t.channels.news, 'config language', { code: 'de' }))?.content).toMatch(/^Only moderators can do that/);
    expect((await t.app.db.prisma.guild.findUnique({ where: { id: t.guildId } }))?.language ?? 'en').toBe('en');

    expect((await run(t, t.guildId, t.users.admin, t.channels.news, 'config language', { code: 'German' }))?.content).toMatch(/^Posts are now written in German · Deutsch \(de\): summaries in other languages are translated into German/);
    expect((await run(t, t.guildId, t.users.admin, t.channels.news, 'config language', { code: 'en' }))?.content).toMatch(/^Posts are now written in English \(en\)/);
    const show = await run(t, t.guildId, t.users.admin, t.channels.news, 'config show');
    expect(show?.embeds[0]?.fields?.find((f) => f.name === 'Language')?.value).toBe('English (en): summaries in other languages are translated. `/config language` changes it.');
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { guildId: t.guildId, action: 'config.update' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.actorId, a.details])).toEqual([
      [t.users.admin, { language: 'de' }],
      [t.users.admin, { language: 'en' }],
    ]);
    // The second server keeps the default, English.
    expect((await run(t, second.guildId, second.admin, second.channel, 'config language', { code: 'en' }))?.content).toMatch(/^Posts are now written in English/);
    t.discord.assertNoViolations();
  });

  it('posts a Russian article translated, named "Translated from Russian", with its original title; one translation for both servers', async () => {
    await publish(t, site, feedId, 'debed', russianTitle, russianText);
    for (const channel of [t.channels.news, second.channel]) {
      const [post] = posts(t, channel);
      const embed = post!.data.embeds[0]!;
      expect(embed.title).toBe(russianTitle);
      expect(embed.description).toBe(translation);
      expect(embed.footer?.text).toMatch(/^Story #\d+ · \/news story id:\d+ · Translated from Russian$/);
    }
    // Asked once, in words the model understands, with the key; the second server read the cache.
    expect(llm.completions).toHaveLength(1);
    const [asked] = llm.completions;
    expect(asked!.model).toBe('stand-in-model');
    expect(asked!.messages[0]!.content).toMatch(/from Russian into English/);
    expect(asked!.messages[1]!.content).toMatch(/Грузии и Армении/);
    expect(llm.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    const rows = await t.app.db.prisma.translation.findMany();
    expect(rows.map((r) => [r.language, r.summary])).toEqual([['en', translation]]);
    t.discord.assertNoViolations();
  });

  it('keeps the translation when a vote redraws the post, without asking again', async () => {
    const post = posts(t, t.channels.news)[0]!;
    const storyId = Number(/Story #(\d+)/.exec(post.data.embeds[0]!.footer!.text)![1]);
    await t.discord.button(post.data.id, t.users.alice, `vote:${storyId}:4`).settled();
    await t.discord.waitFor(() => (t.discord.message(post.data.id)?.versions.length ?? 0) > 0, 8000, 'the post to be edited');
    const edited = t.discord.message(post.data.id)!.data.embeds[0]!;
    expect(edited.description).toBe(translation);
    expect(edited.footer?.text).toMatch(/ · Translated from Russian$/);
    expect(edited.fields?.find((f) => f.name === 'Significance')?.value).toMatch(/4\.0 \/ 5 from 1 vote/);
    expect(llm.completions).toHaveLength(1);
  });

  it('leaves an article in the server’s language alone', async () => {
    await publish(t, site, feedId, 'cop29', 'Azerbaijan opens COP29 in Baku', fixtureText('cop29-baku.txt'));
    const embed = posts(t, t.channels.news).at(-1)!.data.embeds[0]!;
    expect(embed.title).toBe('Azerbaijan opens COP29 in Baku');
    expect(embed.footer?.text).toMatch(/^Story #\d+ · \/news story id:\d+$/);
    expect(llm.completions).toHaveLength(1);
  });
});

describe('translated summaries, without a translation endpoint', () => {
  let t: TestBot;
  let site: NewsSite;

  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Meduza');
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('posts the Russian summary as it is, labelled "In Russian"', async () => {
    const { feedId } = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    await t.poll();
    expect((await run(t, t.guildId, t.users.admin, t.channels.news, 'config language', { code: 'en' }))?.content).toMatch(/No translation service is set up \(TRANSLATE_URL\), so summaries in other languages are posted as they are, labelled with their language\.$/);
    await publish(t, site, feedId, 'debed', russianTitle, russianText);
    const embed = posts(t, t.channels.news)[0]!.data.embeds[0]!;
    expect(embed.title).toBe(russianTitle);
    expect(embed.description).toMatch(/^Правительства Грузии и Армении во вторник договорились/);
    expect(embed.footer?.text).toMatch(/^Story #\d+ · \/news story id:\d+ · In Russian$/);
    expect(await t.app.db.prisma.translation.count()).toBe(0);
    t.discord.assertNoViolations();
  });
});
