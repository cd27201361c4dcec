// Autocomplete for every option declared `autocomplete: true` (the AutocompleteHandlers type makes a missing one a
// compile error). Suggestions come from the guild's own data; options that may name something new (`/tag add`,
// `/tags ban`, `/config region`) also offer what the member typed.
import { listRoutes } from '../../db/routes.js';
import { getSource, searchSources } from '../../db/sources.js';
import { articlesOfStory } from '../../db/story-edits.js';
import { findTag, suggestBannedTags, suggestTags, tagsOfStory } from '../../db/tags.js';
import { isUserError } from '../../errors.js';
import type { TagKind } from '../../db/tags.js';
import { matchRegion, normalizeTag, resolveTag } from '../../pipeline/orchestrator.js';
import { isModeratorMember } from '../command-context.js';
import { plural } from '../reply.js';
import type { AutocompleteHandler, AutocompleteHandlers } from '../commands/types.js';
import { label, maxChoices, rankMatches, timeZoneChoices, type Choice } from './choices.js';
import { followOwn, followValue } from './follows.js';
import { languageChoices } from '../commands/config-language.js';
import { publicUrl, shownUrl } from '../../text/shown-url.js';
import { graphemePrefix } from '../../text/clip.js';

const kindWords: Record<TagKind, string> = { country: 'country', region: 'region', topic: 'topic', member: 'member tag' };

const region: AutocompleteHandler = async (ctx) => {
  const regions = await ctx.deps.regionsFor(ctx.guildId);
  const typed = normalizeTag(ctx.typed);
  const matches = rankMatches(regions, typed, (r) => [normalizeTag(r.name), normalizeTag(r.slug), ...(r.aliases ?? []).map(normalizeTag)]);
  const choices: Choice[] = matches.map((r) => ({ name: label(`${r.name} (${plural(r.countries.length, 'country', 'countries')})`), value: r.slug }));
  // `/config region` defines regions: a name that is not one yet is offered as a new region.
  const raw = ctx.asTyped;
  const known = matchRegion(regions, raw) !== undefined;
  // A value must be 1–100 characters: a first character longer than the prefix (a letter with 60 marks) offers none.
  const value = graphemePrefix(raw, 60);
  if (ctx.command === 'config' && typed && !known && value) return [...choices.slice(0, maxChoices - 1), { name: label(`New region: ${raw}`), value }];
  return choices.slice(0, maxChoices);
};

function tagChoice(t: { name: string; label: string; kind: TagKind }): Choice {
  return { name: label(`${t.label} · ${kindWords[t.kind]}`), value: t.name };
}

const tag: AutocompleteHandler = async (ctx) => {
  const { prisma } = ctx.deps;
  const typed = normalizeTag(ctx.typed);
  // Removing a tag: offer the story's own tags once its number is filled in.
  if (ctx.command === 'tag' && ctx.subcommand === 'remove') {
    const storyId = ctx.interaction.options.getInteger('story');
    if (storyId) {
      const own = await tagsOfStory(prisma, ctx.guildId, storyId);
      return rankMatches(own, typed, (t) => [t.name, normalizeTag(t.label)]).slice(0, maxChoices).map(tagChoice);
    }
  }
  // `/tags unban` is a moderator's command, visible to all (ADR 8): the banned tags are not listed to others.
  if (ctx.command === 'tags' && ctx.subcommand === 'unban') {
    if (!(await isModeratorMember(ctx.interaction, prisma, ctx.guildId))) return [];
    return (await suggestBannedTags(prisma, ctx.guildId, typed, maxChoices)).map(tagChoice);
  }
  const existing = (await suggestTags(prisma, ctx.guildId, typed, maxChoices)).map(tagChoice);
  const mayBeNew = (ctx.command === 'tag' && ctx.subcommand === 'add') || (ctx.command === 'tags' && ctx.subcommand === 'ban');
  const raw = ctx.asTyped;
  if (!mayBeNew || typed.length < 2) return existing;
  const resolved = resolveTag(raw, await ctx.deps.regionsFor(ctx.guildId));
  if (!resolved || existing.some((c) => c.value === resolved.name)) return existing;
  // "azerbaijani" names the existing country tag "azerbaijan" without containing it: offer that tag, not a new one
  // (and a banned tag is not offered at all).
  const known = await findTag(prisma, ctx.guildId, resolved.name);
  if (known) return known.banned ? existing : [tagChoice(known), ...existing.slice(0, maxChoices - 1)];
  const what = resolved.kind === 'member' ? 'new tag' : `new ${kindWords[resolved.kind]} tag`;
  const value = graphemePrefix(raw, 50);
  if (!value) return existing;
  return [{ name: label(`${resolved.label} (${what})`), value }, ...existing.slice(0, maxChoices - 1)];
};

const source: AutocompleteHandler = async (ctx) => {
  const { prisma } = ctx.deps;
  const sources = await searchSources(prisma, ctx.guildId, ctx.typed.replace(/^#/, ''), maxChoices);
  const number = /^#?\d{1,9}$/.test(ctx.typed) ? Number(ctx.typed.replace('#', '')) : null;
  if (number !== null && !sources.some((s) => s.id === number)) {
    const byNumber = await getSource(prisma, ctx.guildId, number).catch((e: unknown) => (isUserError(e) ? null : Promise.reject(e)));
    if (byNumber) sources.unshift(byNumber);
  }
  // Members pick sources too (`/news latest source:`): the channels a source posts in, private ones included, are
  // for moderators to see.
  const moderator = await isModeratorMember(ctx.interaction, prisma, ctx.guildId);
  return sources.slice(0, maxChoices).map((s) => {
    const channel = moderator ? ctx.interaction.guild?.channels.cache.get(s.channelId)?.name : undefined;
    const address = (moderator ? shownUrl : publicUrl)(s.feed.url).replace(/^https?:\/\//, '');
    const what = s.feed.title ? `${s.feed.title} (${address})` : address;
    return { name: label(`#${s.id} ${what}${s.paused ? ' · paused' : ''}${channel ? ` → #${channel}` : ''}`), value: s.id };
  });
};

const route: AutocompleteHandler = async (ctx) => {
  // `/route` is a moderator's command, visible to all (ADR 8): its routes and their channels are not listed to others.
  if (!(await isModeratorMember(ctx.interaction, ctx.deps.prisma, ctx.guildId))) return [];
  const routes = await listRoutes(ctx.deps.prisma, ctx.guildId);
  const labelled = routes.map((r) => {
    const channel = ctx.interaction.guild?.channels.cache.get(r.channelId)?.name ?? r.channelId;
    return { id: r.id, text: `#${r.id} ${r.kind === 'region' ? 'region' : 'tag'} ${r.value} → #${channel}` };
  });
  return rankMatches(labelled, ctx.typed.replace(/^#/, ''), (r) => [String(r.id), r.text])
    .slice(0, maxChoices)
    .map((r) => ({ name: label(r.text), value: r.id }));
};

/** `/story split`: the story's articles once its number is filled in, by outlet and title. */
const article: AutocompleteHandler = async (ctx) => {
  const storyId = ctx.interaction.options.getInteger('story');
  if (!storyId) return [];
  const articles = await articlesOfStory(ctx.deps.prisma, ctx.guildId, storyId);
  return rankMatches(articles, ctx.typed.replace(/^#/, ''), (a) => [String(a.id), normalizeTag(`${a.sourceName} ${a.title}`)])
    .slice(0, maxChoices)
    .map((a) => ({ name: label(`#${a.id} ${a.sourceName}: ${a.title}`), value: a.id }));
};

const timezone: AutocompleteHandler = async (ctx) => timeZoneChoices(ctx.typed, ctx.deps.now());
const code: AutocompleteHandler = async (ctx) => languageChoices(ctx.typed);

/** `/tags merge`: existing tags only; `into` leaves out the tag being merged away. */
function existingTags(exclude?: string): AutocompleteHandler {
  return async (ctx) => {
    const other = exclude ? normalizeTag(ctx.interaction.options.getString(exclude) ?? '') : '';
    const tags = await suggestTags(ctx.deps.prisma, ctx.guildId, normalizeTag(ctx.typed), maxChoices + 1);
    return tags.filter((t) => !other || t.name !== other).slice(0, maxChoices).map(tagChoice);
  };
}

export const autocompleteHandlers: AutocompleteHandlers = { region, tag, source, route, article, timezone, from: existingTags(), into: existingTags('from'), value: followValue, follow: followOwn, code };
