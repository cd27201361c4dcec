// Autocomplete for `/follow`: what to follow, from the guild's own data (its country tags, regions and tags), and
// what the member already follows, for `/follow remove`.
import { listFollows } from '../../db/follows.js';
import { suggestTags } from '../../db/tags.js';
import { countryName, flagEmoji, normalizeTag, resolveTag } from '../../pipeline/orchestrator.js';
import { followLine } from '../alerts/follow-label.js';
import type { AutocompleteHandler } from '../commands/types.js';
import { label, maxChoices, rankMatches, type Choice } from './choices.js';

const countryChoice = (code: string): Choice => ({ name: label(`${flagEmoji(code)} ${countryName(code)}`), value: code });

/** `/follow add value`: suggestions for the kind chosen; a keyword is free text and gets none. */
export const followValue: AutocompleteHandler = async (ctx) => {
  const kind = ctx.interaction.options.getString('kind');
  const typed = normalizeTag(ctx.typed);
  const regions = await ctx.deps.regionsFor(ctx.guildId);
  if (kind === 'region') {
    return rankMatches(regions, typed, (r) => [normalizeTag(r.name), normalizeTag(r.slug), ...(r.aliases ?? []).map(normalizeTag)])
      .slice(0, maxChoices)
      .map((r) => ({ name: label(r.name), value: r.slug }));
  }
  if (kind === 'country') {
    const typedCountry = resolveTag(ctx.asTyped, []);
    const tags = await suggestTags(ctx.deps.prisma, ctx.guildId, typed, maxChoices * 2);
    const codes = tags.flatMap((t) => {
      const tag = t.kind === 'country' ? resolveTag(t.label, []) : undefined;
      return tag?.kind === 'country' ? [tag.code] : [];
    });
    if (typedCountry?.kind === 'country') codes.unshift(typedCountry.code);
    return [...new Set(codes)].slice(0, maxChoices).map(countryChoice);
  }
  if (kind === 'tag') {
    // Not members' tags: they are given after a story arrives, when its alerts have gone (follow.ts refuses them).
    const tags = (await suggestTags(ctx.deps.prisma, ctx.guildId, typed, maxChoices * 2)).filter((t) => t.kind !== 'member');
    return tags.slice(0, maxChoices).map((t) => ({ name: label(`${t.label} · ${t.kind}`), value: t.name }));
  }
  return [];
};

/** `/follow remove follow`: the member's follows in this guild. */
export const followOwn: AutocompleteHandler = async (ctx) => {
  const [follows, regions] = await Promise.all([listFollows(ctx.deps.prisma, ctx.interaction.user.id, ctx.guildId), ctx.deps.regionsFor(ctx.guildId)]);
  const labelled = follows.map((f) => ({ id: f.id, text: followLine(f, regions) }));
  return rankMatches(labelled, ctx.typed, (f) => [f.text.toLowerCase(), normalizeTag(f.text)])
    .slice(0, maxChoices)
    .map((f) => ({ name: label(f.text), value: f.id }));
};
