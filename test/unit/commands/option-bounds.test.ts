// Every number a member can type is bounded in the definitions, so Discord refuses what the database cannot hold
// (a story number past PostgreSQL's int4 used to reach Prisma and fail as an internal error).
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../commands/index.js';
import { maxId } from '../../../commands/shared-options.js';

interface Option {
  type: number;
  name: string;
  min_value?: number;
  max_value?: number;
  options?: readonly Option[];
}

function integerOptions(options: readonly Option[] | undefined, path: string): [string, Option][] {
  return (options ?? []).flatMap((o) => (o.type === T.Integer || o.type === T.Number ? [[`${path} ${o.name}`, o] as [string, Option]] : integerOptions(o.options, `${path} ${o.name}`)));
}

describe('integer options', () => {
  const all = commandDefinitions.flatMap((c) => integerOptions(c.options as readonly Option[], `/${c.name}`));

  it('are found (the walk reaches subcommands)', () => {
    expect(all.map(([path]) => path)).toContain('/news story id');
  });

  it.each(all)('%s has a minimum and a maximum the database can hold', (_path, option) => {
    expect(option.min_value).toBeDefined();
    expect(option.max_value).toBeDefined();
    expect(option.max_value!).toBeLessThanOrEqual(maxId);
  });
});
