// `/source edit`: change a source in place — channel, region, tags, interval, filter — so its history, its stories'
// posts and their votes stay. Each value is checked as `/source add` checks it; `none` (or `-`) clears a region,
// the tags or the filter. src/db/sources.ts makes the change and writes the audit log in one transaction.
import { editSource, recentSourceItems, type SourceChange, type SourceChanges } from '../../db/sources.js';
import { UserError } from '../../errors.js';
import { formatFilter, type Filter, type RegionDefinition } from '../../pipeline/orchestrator.js';
import type { CommandContext } from '../command-context.js';
import { clip, escapeText, isolatedText, plural } from '../reply.js';
import { clearsSetting, ownRegionsNamed, parseTagList, requireBotCanPost, requireFilter, requireRegion } from './source-checks.js';
import { filterCode, filterEffect, filterWarning, tryFilter } from './source-filter.js';
import { shownUrl } from '../../text/shown-url.js';

type EditOption = 'source' | 'channel' | 'region' | 'tags' | 'interval' | 'filter';

export async function editSourceCommand(ctx: CommandContext<EditOption>): Promise<void> {
  const sourceId = ctx.requiredInteger('source');
  const regions = await ctx.deps.regionsFor(ctx.guildId);
  const { changes, filter } = readChanges(ctx, regions);
  const regionsNamed = ownRegionsNamed(regions, changes.region, filter);
  const { source, changed, queued } = await editSource(ctx.deps.prisma, { guildId: ctx.guildId, actorId: ctx.userId, sourceId, changes, regionsNamed, now: ctx.deps.now() });
  const title = isolatedText(clip(source.feed.title?.trim() || shownUrl(source.feed.url), 120));
  if (!changed.length) {
    await ctx.respond({ content: `Source #${source.id} (${title}) already has those settings: nothing changed.` });
    return;
  }
  ctx.log.info({ sourceId: source.id, changed: changed.map((c) => c.field) }, 'source edited');
  const regionName = (slug: string | null) => (slug ? escapeText(regions.find((r) => r.slug === slug)?.name ?? slug) : 'none');
  const lines = [`Source #${source.id} (${title}): ${changed.map((c) => describe(c, regionName)).join(', ')}.`];
  for (const c of changed) {
    if (c.field === 'channelId') lines.push(`Stories already posted stay in <#${c.from}>; its new stories go to <#${c.to}>.${queuedText(queued, c.to)}`);
    if (c.field === 'filter') lines.push(c.to ? filterEffect(c.to) : 'Every new story of it is posted again.');
  }
  if (filter && changed.some((c) => c.field === 'filter')) {
    const warning = filterWarning(tryFilter(await recentSourceItems(ctx.deps.prisma, ctx.guildId, source.id), filter, regions), 'the latest stories it brought in');
    if (warning) lines.push(warning);
  }
  await ctx.respond({ content: clip(lines.join('\n'), 2000) });
}

/** The posts still queued in the old channel that moved with the source (or were dropped: already in the new one). */
function queuedText(queued: { moved: number; dropped: number }, to: string): string {
  const stories = (n: number) => `${plural(n, 'story', 'stories')} waiting to be posted`;
  const moved = queued.moved ? ` ${stories(queued.moved)} ${queued.moved === 1 ? 'goes' : 'go'} to <#${to}> instead.` : '';
  const dropped = queued.dropped ? ` ${stories(queued.dropped)} ${queued.dropped === 1 ? 'was' : 'were'} due in <#${to}> already: posted there once.` : '';
  return moved + dropped;
}

/** The options given, each checked as `/source add` checks it, before anything is changed. */
function readChanges(ctx: CommandContext<EditOption>, regions: RegionDefinition[]): { changes: SourceChanges; filter?: Filter | undefined } {
  const changes: SourceChanges = {};
  const channel = ctx.channel('channel');
  if (channel) {
    requireBotCanPost(ctx, channel.id);
    changes.channelId = channel.id;
  }
  const region = ctx.string('region');
  if (region !== null) changes.region = clearsSetting(region) ? null : requireRegion(regions, region).slug;
  const tags = ctx.string('tags');
  if (tags !== null) changes.tags = clearsSetting(tags) ? [] : parseTagList(tags, regions);
  const interval = ctx.integer('interval');
  if (interval !== null) changes.intervalMinutes = interval;
  const typedFilter = ctx.string('filter');
  const filter = typedFilter === null || clearsSetting(typedFilter) ? undefined : requireFilter(typedFilter, regions);
  if (typedFilter !== null) changes.filter = filter ? formatFilter(filter) : null;
  if (Object.keys(changes).length === 0) {
    throw new UserError('invalid', 'Say what to change: a new `channel`, `region`, `tags`, `interval` or `filter` (`none` clears a region, the tags or the filter).');
  }
  return { changes, filter };
}

function describe(c: SourceChange, regionName: (slug: string | null) => string): string {
  const tags = (list: string[]) => (list.length ? list.map((t) => `\`${t.replace(/`/g, "'")}\``).join(' ') : 'none');
  switch (c.field) {
    case 'channelId':
      return `channel <#${c.from}> → <#${c.to}>`;
    case 'region':
      return `region ${regionName(c.from)} → ${regionName(c.to)}`;
    case 'tags':
      return `tags ${tags(c.from)} → ${tags(c.to)}`;
    case 'intervalMinutes':
      return `checked every ${c.from} → ${c.to} min`;
    case 'filter':
      return `filter ${filterCode(c.from)} → ${filterCode(c.to)}`;
  }
}
