// `/source …`: moderators follow, edit, inspect, pause, resume, remove, test, import and export news sources. Every change
// goes through src/db/sources.ts, which writes the audit log in the same transaction.
import { siteWaits } from '../../db/site-waits.js';
import { listSources, removeSource, setSourcePaused } from '../../db/sources.js';
import { hostOf } from '../../pipeline/hosts.js';
import type { CommandContext } from '../command-context.js';
import { sourceListEmbeds } from '../render/moderation-sources.js';
import { clip, droppedStoriesText, isolatedText } from '../reply.js';
import { addSourceCommand, testSourceCommand } from './source-add.js';
import { editSourceCommand } from './source-edit.js';
import { exportSourcesCommand, importSourcesCommand } from './source-import.js';
import { moderator } from '../guards.js';
import type { CommandHandlers, CommandNamed } from './types.js';
import { shownUrl } from '../../text/shown-url.js';

const titleOf = (s: { feed: { url: string; title: string | null } }) => isolatedText(clip(s.feed.title?.trim() || shownUrl(s.feed.url), 120));

/** The queued posts a remove or pause dropped (stories only this source brought, not posted yet). */
const droppedText = (n: number) => (n === 0 ? '' : `, and ${droppedStoriesText(n, (one) => `it found that ${one ? 'was' : 'were'} waiting to be posted there`)}`);

async function listCommand(ctx: CommandContext): Promise<void> {
  const sources = await listSources(ctx.deps.prisma, ctx.guildId);
  if (sources.length === 0) {
    await ctx.respond({ content: 'This server follows no sources yet. `/source add` follows a feed or a site; `/source import` reads an OPML file.' });
    return;
  }
  const regions = await ctx.deps.regionsFor(ctx.guildId);
  const regionName = (slug: string) => regions.find((r) => r.slug === slug)?.name ?? `${slug} (no longer defined)`;
  const [first, ...rest] = sourceListEmbeds(sources, regionName);
  await ctx.respond({ embeds: [first!] });
  // Further pages as private follow-ups: one embed per message keeps each well inside the 6000-character limit.
  for (const embed of rest) {
    await ctx.followUp({ embeds: [embed] });
  }
}

export const sourceHandlers: CommandHandlers<CommandNamed<'source'>> = {
  add: moderator(addSourceCommand),
  edit: moderator(editSourceCommand),
  list: moderator(listCommand),
  remove: moderator(async (ctx) => {
    const source = await removeSource(ctx.deps.prisma, ctx.guildId, ctx.userId, ctx.requiredInteger('source'));
    await ctx.respond({ content: `Removed source #${source.id} (${titleOf(source)}): nothing more from it is posted to <#${source.channelId}>${droppedText(source.droppedPosts)}. Stories already posted stay.` });
  }),
  pause: moderator(async (ctx) => {
    const source = await setSourcePaused(ctx.deps.prisma, ctx.guildId, ctx.userId, ctx.requiredInteger('source'), true, ctx.deps.now());
    await ctx.respond({ content: `Paused source #${source.id} (${titleOf(source)}): Gazette stops checking it until \`/source resume\`${droppedText(source.droppedPosts)}.` });
  }),
  resume: moderator(async (ctx) => {
    const now = ctx.deps.now();
    const source = await setSourcePaused(ctx.deps.prisma, ctx.guildId, ctx.userId, ctx.requiredInteger('source'), false, now);
    // Its site asked Gazette to wait (a 429's Retry-After): the next check comes once that wait is over.
    const host = hostOf(source.feed.url);
    const wait = host ? (await siteWaits(ctx.deps.prisma, [host], now)).get(host) : undefined;
    const at = wait && Math.floor(wait.getTime() / 1000);
    const when = at ? `after <t:${at}:t> (<t:${at}:R>), when the wait its site asked for is over` : 'within a minute or two';
    await ctx.respond({
      content: source.wasPaused
        ? `Resumed source #${source.id} (${titleOf(source)}): Gazette checks it again ${when}.`
        : `Source #${source.id} (${titleOf(source)}) was not paused: Gazette already checks it on its schedule.`,
    });
  }),
  test: moderator(testSourceCommand),
  import: moderator(importSourcesCommand),
  export: moderator(exportSourcesCommand),
};
