// A real discord.js client logged in to a fresh stand-in, for these tests.
import { ChannelType, Client, Events, GatewayIntentBits, type TextChannel } from 'discord.js';
import { afterEach } from 'vitest';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from '../../helpers/discord/index.js';

export interface Connected {
  standIn: DiscordStandIn;
  client: Client;
  guildId: string;
  textId: string;
  forumId: string;
  memberId: string;
  close(): Promise<void>;
}

export async function connect(options: StandInOptions = {}): Promise<Connected> {
  const standIn = await startDiscordStandIn(options);
  const guildId = standIn.addGuild({ name: 'Regional News' });
  const textId = standIn.addChannel(guildId, { name: 'news', type: 'text' });
  const forumId = standIn.addChannel(guildId, { name: 'stories', type: 'forum', availableTags: [{ name: 'Politics' }, { name: 'Economy' }] });
  const memberId = standIn.addMember(guildId, { username: 'reader' });
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages], rest: { api: standIn.apiUrl } });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(standIn.token);
  await ready;
  return {
    standIn,
    client,
    guildId,
    textId,
    forumId,
    memberId,
    async close() {
      await client.destroy();
      await standIn.close();
    },
  };
}

/** A connect() for the tests of one file: each connection is closed after its test, whatever the outcome. */
export function connectPerTest(): (options?: StandInOptions) => Promise<Connected> {
  let open: Connected | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  return async (options) => (open = await connect(options));
}

export async function textChannel(connected: Connected): Promise<TextChannel> {
  const channel = await connected.client.channels.fetch(connected.textId);
  if (channel?.type !== ChannelType.GuildText) throw new Error('expected the text channel');
  return channel;
}

/** Allowed mentions that ping nobody, as the bot sends them. */
export const quiet = { parse: [] as [] };
