// `/config region region countries`: a guild changes which countries form a region, or defines a new one. Countries
// are typed as names or ISO codes and resolved by the tag stage; empty countries restore the built-in definition.
import { regionOverrides, removeRegion, resetRegion, setRegion } from '../../db/regions.js';
import { UserError } from '../../errors.js';
import { countryName, defaultRegions, matchRegion, normalizeTag, resolveTag, storedFilterNames } from '../../pipeline/orchestrator.js';
import type { CommandContext } from '../command-context.js';
import { clip, escapeText } from '../reply.js';

const maxCountries = 100;

/** "Georgia, AZ, armenia, tr" → ISO alpha-2 codes in the order typed, and what could not be read as a country. */
export function parseCountries(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const piece = raw.trim();
    if (!piece) continue;
    // In a list of countries, "az" or "tur" is a code; the tag resolver only reads codes typed in capitals.
    const asCode = /^[a-z]{2,3}$/i.test(piece) ? resolveTag(piece.toUpperCase(), []) : undefined;
    const tag = asCode?.kind === 'country' ? asCode : resolveTag(piece, []);
    if (tag?.kind === 'country') {
      if (!codes.includes(tag.code)) codes.push(tag.code);
    } else {
      unknown.push(piece);
    }
  }
  return { codes, unknown };
}

/** The region a moderator means: one the guild has, a built-in one it switched off, or a new one named as typed. */
async function regionFor(ctx: CommandContext, typed: string) {
  const known = matchRegion(await ctx.deps.regionsFor(ctx.guildId), typed) ?? matchRegion(defaultRegions, typed);
  if (known) return { slug: known.slug, name: known.name, isNew: false };
  const overrides = await regionOverrides(ctx.deps.prisma, ctx.guildId);
  const switchedOff = matchRegion(overrides, typed);
  if (switchedOff) return { slug: switchedOff.slug, name: switchedOff.name, isNew: false };
  const name = clip(typed.trim().replace(/\s+/g, ' '), 50);
  const slug = normalizeTag(name).replace(/ /g, '-');
  if (slug.length < 2) throw new UserError('invalid', 'A region name needs at least two letters or digits.');
  // A region's tag is named after it: named like a country or a topic, one tag would stand for both, and `/news top
  // region:` would find whichever kind that tag was made as first.
  const clash = resolveTag(name, []);
  if (clash?.kind === 'country' || clash?.kind === 'topic') {
    throw new UserError('conflict', `"${escapeText(name)}" already names the ${clash.kind} tag **${escapeText(clash.label)}**: give the region another name (for example "${escapeText(name)} region").`);
  }
  return { slug, name, isNew: true };
}

export async function configRegionCommand(ctx: CommandContext<'region' | 'countries'>): Promise<void> {
  const region = await regionFor(ctx, ctx.requiredString('region'));
  const typedCountries = ctx.string('countries')?.trim() ?? '';
  const builtIn = defaultRegions.find((r) => r.slug === region.slug);
  if (!typedCountries) {
    if (!builtIn && region.isNew) throw new UserError('not-found', `This server has no region "${region.name}" to restore. To define it, list its countries.`);
    if (builtIn) {
      await resetRegion(ctx.deps.prisma, ctx.guildId, ctx.userId, region.slug);
      await ctx.respond({ content: `**${escapeText(builtIn.name)}** is back to its built-in countries: ${builtIn.countries.join(', ')}.` });
      return;
    }
    const name = escapeText(region.name);
    const { followers } = await removeRegion(ctx.deps.prisma, ctx.guildId, ctx.userId, { slug: region.slug, name }, (filter) => storedFilterNames(filter, 'region', region.slug));
    const followed = followers ? ` ${followers} member${followers === 1 ? ' follows' : 's follow'} it: their alerts for it stop until a region of that name is defined again.` : '';
    await ctx.respond({ content: `Removed the region **${name}**.${followed}` });
    return;
  }
  const { codes, unknown } = parseCountries(typedCountries);
  if (unknown.length) {
    const shown = unknown.slice(0, 10).map((u) => `"${escapeText(clip(u, 40))}"`).join(', ') + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : '');
    throw new UserError('invalid', `Gazette does not know these countries: ${shown}. Use English names (Georgia, Türkiye) or ISO codes (GE, TR). Nothing was changed.`);
  }
  // "," or ";" alone: no country at all would switch a built-in region off with a reply listing nothing.
  if (codes.length === 0) throw new UserError('invalid', 'List at least one country (English names or ISO codes, separated by commas), or leave `countries` out to restore the region. Nothing was changed.');
  if (codes.length > maxCountries) throw new UserError('limit', `That is ${codes.length} countries; a region can hold at most ${maxCountries}.`);
  const builtInSlugs = defaultRegions.map((r) => r.slug);
  await setRegion(ctx.deps.prisma, ctx.guildId, ctx.userId, { slug: region.slug, name: builtIn?.name ?? region.name, countries: codes }, builtInSlugs);
  const list = clip(codes.map((c) => `${countryName(c)} (${c})`).join(', '), 1500);
  await ctx.respond({
    content: `${region.isNew ? 'New region' : 'Region'} **${escapeText(builtIn?.name ?? region.name)}** now covers ${list}. Stories from now on are tagged and routed by it.`,
  });
}
