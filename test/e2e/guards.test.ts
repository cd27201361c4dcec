// Every guarded entry point (as declared in the handler tables: commands, buttons, modals) refuses a plain member
// through the real bot and the Discord stand-in, before doing anything. A new guarded entry is covered by itself.
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.js';
import { buttonHandlers, modalHandlers } from '../../src/discord/components/index.js';
import { handlers } from '../../src/discord/commands/index.js';
import { entryOf } from '../../src/discord/guards.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';

interface OptionDef {
  type: number;
  name: string;
  required?: boolean;
  min_value?: number;
  min_length?: number;
  choices?: readonly { value: string | number }[];
  options?: readonly OptionDef[];
}

const refusals = {
  moderator: /^Only moderators can do that/,
  manageServer: /^Only members with the Manage Server permission can do that\./,
};
const content = (r: { data?: unknown } | null | undefined) => (r?.data as { content?: string } | undefined)?.content ?? '';

describe('guarded entry points', () => {
  let t: TestBot;

  /** Valid values for a subcommand's required options, so the stand-in accepts the call and only the guard decides. */
  function valuesFor(options: readonly OptionDef[] = []): Record<string, OptionValue> {
    const values: Record<string, OptionValue> = {};
    for (const o of options.filter((x) => x.required)) {
      if (o.choices?.length) values[o.name] = o.choices[0]!.value;
      else if (o.type === T.String) values[o.name] = 'x'.repeat(Math.max(2, o.min_length ?? 0));
      else if (o.type === T.Integer || o.type === T.Number) values[o.name] = o.min_value ?? 1;
      else if (o.type === T.Boolean) values[o.name] = true;
      else if (o.type === T.Channel) values[o.name] = t.channels.news;
      else if (o.type === T.Role) values[o.name] = t.roles.editors;
      else if (o.type === T.User) values[o.name] = t.users.bob;
      else if (o.type === T.Attachment) values[o.name] = { filename: 'sources.opml', content: '<opml version="2.0"><body/></opml>' };
    }
    return values;
  }

  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.close();
  });

  const guardedCommands = commandDefinitions.flatMap((c) =>
    (c.options as readonly OptionDef[])
      .filter((o) => o.type === T.Subcommand)
      .flatMap((sub) => {
        const entry = entryOf((handlers.commands as Record<string, Record<string, unknown>>)[c.name]![sub.name]);
        return entry?.guard ? [[`/${c.name} ${sub.name}`, entry.guard, sub] as const] : [];
      }),
  );

  it('finds the guarded commands (the walk is not empty)', () => {
    expect(guardedCommands.map(([name]) => name)).toEqual(expect.arrayContaining(['/source add', '/tags ban', '/config moderator-role', '/story merge', '/config audit']));
  });

  it.each(guardedCommands)('%s refuses a plain member (%s)', async (name, guard, sub) => {
    const before = await t.app.db.prisma.auditLog.count();
    const record = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, name.slice(1), valuesFor(sub.options)).settled();
    expect(content(record.firstResponse)).toMatch(refusals[guard]);
    expect(record.firstResponse!.data).toMatchObject({ flags: 64 });
    expect(await t.app.db.prisma.auditLog.count()).toBe(before);
  });

  it('refuses guarded buttons and modals to a plain member', async () => {
    const guarded = [...Object.entries(buttonHandlers), ...Object.entries(modalHandlers)].filter(([, h]) => entryOf(h)?.guard);
    expect(guarded.map(([prefix]) => prefix)).toContain('review');
    // A message carrying each guarded button, as Gazette would have posted it.
    const reply = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news tags').settled();
    const message = t.discord.messages(t.channels.news, { includeEphemeral: true }).at(-1)!;
    expect(reply.firstResponse).toBeDefined();
    for (const [prefix, handler] of guarded) {
      message.data.components = [{ type: 1, components: [{ type: 2, style: 1, label: prefix, custom_id: `${prefix}:approve:1` }] }];
      const record = await t.discord.button(message.data.id, t.users.alice, `${prefix}:approve:1`).settled();
      expect(content(record.firstResponse), prefix).toMatch(refusals[entryOf(handler)!.guard!]);
    }
  });
});
