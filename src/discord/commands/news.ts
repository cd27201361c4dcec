// `/news search|top|latest|story|tags` (members' look-ups) and `/news submit`. Look-ups answer directly, without a
// defer: they are fast enough (docs/search.md), and the reply is private unless the member asks for `public`.
import { latestStories, searchStories, type StoryFilter } from '../../db/lookups.js';
import { topStories } from '../../db/rankings.js';
import { getSource } from '../../db/sources.js';
import { loadStoryView } from '../../db/story-views.js';
import { findTag, topTags } from '../../db/tags.js';
import { UserError } from '../../errors.js';
import { matchRegion, normalizeTag, regionTag, resolveTag } from '../../pipeline/orchestrator.js';
import type { Period } from '../../ranking/significance.js';
import type { CommandContext } from '../command-context.js';
import { respondWithList } from '../components/pagination.js';
import { pageSize } from '../render/lookup-list.js';
import { renderStoryDetails, renderTopTags } from '../render/lookup-story.js';
import { clip, isolatedText, plural } from '../reply.js';
import { submitStory } from './news-submit.js';
import type { CommandHandlers, CommandNamed } from './types.js';
import { publicUrl } from '../../text/shown-url.js';

/** Stories a `top` or `latest` list holds: five pages. Searches rank as many (lookups.ts, defaultRankWindow). */
export const listLimit = 50;

const sinceHours: Record<string, { hours: number; label: string }> = {
  day: { hours: 24, label: 'last 24 hours' },
  week: { hours: 24 * 7, label: 'last 7 days' },
  month: { hours: 24 * 30, label: 'last 30 days' },
  year: { hours: 24 * 365, label: 'last year' },
};

// Rolling windows (rankings.ts, periodHours), said as such: "today" read as since midnight.
const periodLabels: Record<Period, string> = { day: 'in the last 24 hours', week: 'in the last 7 days', month: 'in the last 30 days', all: 'of all time' };

interface FilterInput {
  region?: string | null;
  tag?: string | null;
  source?: number | null;
  since?: string | null;
}

interface ResolvedFilters {
  filter: StoryFilter;
  /** Human words for what was asked, e.g. "region South Caucasus". */
  labels: string[];
  /** A region no story of this server is tagged with yet: nothing can match. */
  nothing: boolean;
}

async function resolveFilters(ctx: CommandContext, input: FilterInput): Promise<ResolvedFilters> {
  const filter: StoryFilter = { tagIds: [] };
  const labels: string[] = [];
  let nothing = false;
  const { prisma } = ctx.deps;
  const regions = input.region || input.tag ? await ctx.deps.regionsFor(ctx.guildId) : [];
  if (input.region) {
    const region = matchRegion(regions, input.region);
    if (!region) throw new UserError('not-found', `There is no region "${clip(input.region, 60)}" in this server. Start typing in the region option to pick one.`);
    const tag = await findTag(prisma, ctx.guildId, regionTag(region).name);
    if (tag && !tag.banned) filter.tagIds!.push(tag.id);
    else nothing = true;
    // Names a moderator, a member or a feed wrote: shown as text, never as a link or formatting in a public list.
    labels.push(`region ${isolatedText(region.name)}`);
  }
  if (input.tag) {
    // "AZ", "azerbaijani" and "Azerbaijan" are one country tag; a renamed or merged tag answers to its old names.
    const candidates = [...new Set([resolveTag(input.tag, regions)?.name, normalizeTag(input.tag)].filter((n): n is string => !!n))];
    let tag;
    for (const name of candidates) tag ??= await findTag(prisma, ctx.guildId, name);
    if (!tag || tag.banned) throw new UserError('not-found', `No story in this server has the tag "${clip(input.tag, 50)}". \`/news tags\` lists the most used tags.`);
    filter.tagIds!.push(tag.id);
    labels.push(`tag ${isolatedText(tag.label)}`);
  }
  if (input.source) {
    const source = await getSource(prisma, ctx.guildId, input.source);
    filter.feedId = source.feedId;
    labels.push(`source #${source.id} ${isolatedText(clip(source.feed.title ?? publicUrl(source.feed.url), 60))}`);
  }
  if (input.since) {
    const since = sinceHours[input.since];
    if (since) {
      filter.since = new Date(ctx.deps.now().getTime() - since.hours * 3600_000);
      labels.push(since.label);
    }
  }
  return { filter, labels, nothing };
}

async function search(ctx: CommandContext<'query' | 'region' | 'tag' | 'since' | 'public'>): Promise<void> {
  const query = ctx.requiredString('query').trim();
  const { filter, labels, nothing } = await resolveFilters(ctx, { region: ctx.string('region'), tag: ctx.string('tag'), since: ctx.string('since') });
  const outcome = nothing ? { kind: 'hits' as const, ids: [], more: false, cards: [] } : await searchStories(ctx.deps.prisma, ctx.guildId, query, filter, { firstCards: pageSize });
  const shown = `"${clip(query, 100)}"`;
  if (outcome.kind === 'no-terms') {
    return ctx.respondPrivately(`${shown} has no words to search for: very common words (the, and, of…) and symbols are left out. Try a name or a more specific word.`);
  }
  if (outcome.kind === 'only-exclusions') {
    return ctx.respondPrivately(`${shown} only excludes words (a leading \`-\` means "without"). Add a word to look for, e.g. \`pipeline -gas\`.`);
  }
  const within = labels.length ? ` (${labels.join(', ')})` : '';
  if (outcome.ids.length === 0) {
    const advice = labels.length ? 'Try other words, or fewer filters.' : 'Try other or fewer words; put a phrase in quotes to find it exactly.';
    return ctx.respondPrivately(`No stories in this server match ${shown}${within}. ${advice}`);
  }
  const count = outcome.more
    ? `The ${outcome.ids.length} best matches among the newest; more stories match, so add words or filters to narrow it down.`
    : `${plural(outcome.ids.length, 'story matches', 'stories match')}, best first.`;
  const list = { guildId: ctx.guildId, kind: 'search' as const, title: `Search: ${clip(query, 200)}`, note: `${labels.length ? `${labels.join(' · ')}\n` : ''}${count}`, ids: outcome.ids };
  await respondWithList(ctx, list, outcome.cards);
}

async function top(ctx: CommandContext<'period' | 'region' | 'tag' | 'public'>): Promise<void> {
  const period = (ctx.string('period') ?? 'week') as Period;
  const { filter, labels, nothing } = await resolveFilters(ctx, { region: ctx.string('region'), tag: ctx.string('tag') });
  const stories = nothing ? [] : await topStories(ctx.deps.prisma, ctx.guildId, { period, tagIds: filter.tagIds, limit: listLimit, now: ctx.deps.now() });
  const within = labels.length ? ` (${labels.join(', ')})` : '';
  if (stories.length === 0) {
    return ctx.respondPrivately(`No stories ${period === 'all' ? 'yet' : `first seen ${periodLabels[period]}`}${within}. ${period === 'all' ? '' : 'Try `period:all time`.'}`.trim());
  }
  const note = `${labels.length ? `${labels.join(' · ')}\n` : ''}Ranked by members' significance votes: a story needs several votes to rise${period === 'all' ? '' : ', and newer stories count more'}.`;
  await respondWithList(ctx, { guildId: ctx.guildId, kind: period === 'all' ? 'top-all' : 'top', title: `Top stories ${periodLabels[period]}`, note, ids: stories.map((s) => s.id) });
}

async function latest(ctx: CommandContext<'region' | 'tag' | 'source' | 'public'>): Promise<void> {
  const { filter, labels, nothing } = await resolveFilters(ctx, { region: ctx.string('region'), tag: ctx.string('tag'), source: ctx.integer('source') });
  const { ids } = nothing ? { ids: [] } : await latestStories(ctx.deps.prisma, ctx.guildId, filter, listLimit);
  if (ids.length === 0) {
    return ctx.respondPrivately(labels.length ? `No stories here match ${labels.join(', ')} yet.` : 'No stories in this server yet. Moderators add sources with `/source add`.');
  }
  const note = `${labels.length ? `${labels.join(' · ')}\n` : ''}Newest first (when Gazette first saw them).`;
  await respondWithList(ctx, { guildId: ctx.guildId, kind: 'latest', title: 'Latest stories', note, ids });
}

async function story(ctx: CommandContext<'id' | 'public'>): Promise<void> {
  const id = ctx.requiredInteger('id');
  const view = await loadStoryView(ctx.deps.prisma, ctx.guildId, id);
  // Stories of other servers answer exactly like numbers that do not exist: nothing about them leaks.
  if (!view) throw new UserError('not-found', `There is no story #${id} in this server. Each post shows its number ("Story #…"), and \`/news search\` finds stories by their words.`);
  const details = renderStoryDetails(view, ctx.guildId);
  // A number from before a merge shows the story it is part of: said so, rather than a story numbered otherwise.
  await ctx.respond(view.id === id ? details : { ...details, content: `Story #${id} is part of story #${view.id} now.` });
}

async function tags(ctx: CommandContext<'public'>): Promise<void> {
  await ctx.respond(renderTopTags(await topTags(ctx.deps.prisma, ctx.guildId, 25)));
}

export const newsHandlers: CommandHandlers<CommandNamed<'news'>> = { search, top, latest, story, tags, submit: submitStory };
