// A button interaction as discord.js hands it to the router, recording each answer the bot makes: for unit tests of
// the answering rules (which answer, in which order) that need a slow guard or a refused answer on cue. Whole flows
// run against the Discord stand-in instead (test/helpers/discord/).
import type { ButtonInteraction } from 'discord.js';

export interface RecordedCall {
  method: string;
  body?: { content?: string; flags?: number };
}

/** A click in a server by default; `fields` overrides or adds (a DM: `inGuild: () => false`); `refuse` names answers Discord rejects. */
export function fakeButton(fields: Record<string, unknown> = {}, refuse: string[] = []) {
  const calls: RecordedCall[] = [];
  /** The same calls by name only, as they are made. */
  const methods: string[] = [];
  const call = (method: string) => async (body?: RecordedCall['body']) => {
    calls.push({ method, body });
    methods.push(method);
    if (refuse.includes(method)) throw new Error(`Discord refused ${method}`);
  };
  const interaction = {
    locale: 'en-US',
    guildId: '100000000000000001',
    user: { id: '200000000000000001' },
    id: '300000000000000001',
    replied: false,
    deferred: false,
    isAutocomplete: () => false,
    isButton: () => true,
    inGuild: () => true,
    isChatInputCommand: () => false,
    isModalSubmit: () => false,
    isRepliable: () => true,
    ...Object.fromEntries(['deferReply', 'deferUpdate', 'reply', 'update', 'editReply', 'followUp', 'deleteReply'].map((m) => [m, call(m)])),
    ...fields,
  };
  return { interaction: interaction as unknown as ButtonInteraction, calls, methods };
}
