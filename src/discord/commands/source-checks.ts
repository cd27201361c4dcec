// Checks moderator commands share before they change anything: a region the guild knows, a list of tags, a
// channel Gazette can post in, a time zone and a time of day. Each failure is a UserError saying what to do.
import { ChannelFlags, ChannelType } from 'discord.js';
import { UserError } from '../../errors.js';
import { tagRequired } from '../delivery/discord-errors.js';
import type { NamedRegion } from '../../db/regions.js';
import { defaultRegions, filterValues, MAX_TAG_LENGTH, matchRegion, parseFilter, resolveTag, topicTag, type FieldResolver, type Filter, type RegionDefinition, type ResolvedTag } from '../../pipeline/orchestrator.js';
import { graphemePrefix } from '../../text/clip.js';
import { formatClock, parseClock } from '../../text/time-of-day.js';
import { canonicalTimeZone } from '../../text/time-zones.js';
import { findTag } from '../../db/tags.js';
import type { InteractionContext } from '../command-context.js';
import { escapeText } from '../reply.js';
import { missingPostPermissions } from '../post-permissions.js';

export function requireRegion(regions: readonly RegionDefinition[], typed: string): RegionDefinition {
  const region = matchRegion(regions, typed);
  if (region) return region;
  const names = regions.map((r) => r.name);
  const shown = names.slice(0, 12).join(', ') + (names.length > 12 ? `, and ${names.length - 12} more` : '');
  throw new UserError('not-found', `This server has no region "${typed.trim()}". Its regions are: ${shown}. A moderator can define one with \`/config region\`.`);
}

/**
 * The server's own regions a region setting and a filter name, as the reply would show them: the database checks them
 * again under the server's lock (src/db/regions.ts), since one may be removed while the command runs. Built-in regions
 * are left out: they can be redefined or restored, never removed.
 */
export function ownRegionsNamed(regions: readonly RegionDefinition[], slug: string | null | undefined, filter: Filter | undefined): NamedRegion[] {
  const slugs = new Set([...(slug ? [slug] : []), ...(filter ? filterValues(filter, 'region') : [])]);
  return regions.filter((r) => slugs.has(r.slug) && !defaultRegions.some((d) => d.slug === r.slug)).map((r) => ({ slug: r.slug, name: escapeText(r.name) }));
}

export const maxSourceTags = 10;

/**
 * The label a typed tag is stored with: a member's own words cut to the tag length between characters (never half an
 * emoji); a country, region or topic keeps the label the pipeline gives it, so it stays the tag stories already carry.
 */
export function typedTagLabel(resolved: ResolvedTag): string {
  return resolved.kind === 'member' ? graphemePrefix(resolved.label, MAX_TAG_LENGTH) : resolved.label;
}

/**
 * "Energy, #SouthCaucasus, energy" → labels for the source's stories, one per normalized name. A tag naming a
 * country, region or topic takes that tag's label, so it joins the tag the pipeline sets instead of doubling it.
 */
export function parseTagList(text: string | null, regions: readonly RegionDefinition[]): string[] {
  if (!text?.trim()) return [];
  const byName = new Map<string, string>();
  for (const piece of text.split(/[,;\n]/)) {
    if (!piece.trim()) continue;
    const resolved = resolveTag(piece, regions);
    if (!resolved || resolved.name.length < 2) throw new UserError('invalid', `"${piece.trim()}" is not a tag: a tag needs at least two letters or digits.`);
    if (!byName.has(resolved.name)) byName.set(resolved.name, typedTagLabel(resolved));
  }
  if (byName.size > maxSourceTags) throw new UserError('limit', `That is ${byName.size} tags; a source can give its stories at most ${maxSourceTags}.`);
  return [...byName.values()];
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * What a moderator typed after `country:`, `region:`, `topic:` or `lang:`, as the code or slug the pipeline tags
 * stories with: countries by name or ISO code (any case: after `country:` "ge" can only be Georgia), the guild's own
 * regions, topics by name or slug, languages by ISO 639-1 code.
 */
export function filterResolver(regions: readonly RegionDefinition[]): FieldResolver {
  const country = (typed: string) => {
    const tag = resolveTag(typed, []);
    if (tag?.kind === 'country') return tag.code;
    const upper = /^[a-z]{2,3}$/i.test(typed) ? resolveTag(typed.toUpperCase(), []) : undefined;
    return upper?.kind === 'country' ? upper.code : undefined;
  };
  const topic = (typed: string) => {
    const tag = resolveTag(typed, []);
    return tag?.kind === 'topic' ? tag.slug : topicTag(typed.trim().toLowerCase())?.slug;
  };
  return (field, typed) => {
    if (field === 'country') return country(typed);
    if (field === 'region') return matchRegion(regions, typed)?.slug;
    if (field === 'topic') return topic(typed);
    const code = typed.trim().toLowerCase();
    return /^[a-z]{2}$/.test(code) && languageNames.of(code) ? code : undefined;
  };
}

/** A filter as a moderator typed it, with its countries, regions, topics and languages checked against what exists. */
export function requireFilter(typed: string, regions: readonly RegionDefinition[]): Filter {
  return parseFilter(typed, filterResolver(regions));
}

/** `none` or `-` in an edit: clear the setting rather than set it. */
export function clearsSetting(typed: string): boolean {
  return /^(?:none|-)$/i.test(typed.trim());
}

/**
 * Refuses a channel Gazette cannot post stories in, judged from its cached roles and the channel's overwrites (what
 * Discord itself would compute). When the channel or Gazette's member is not cached it cannot tell, and lets the
 * outbox report a refusal later in `/source list`. `embeds: false` for plain-text messages (the log channel's), which
 * need no Embed Links.
 */
export function requireBotCanPost(ctx: InteractionContext, channelId: string, options: { embeds?: boolean } = {}): void {
  const guild = ctx.interaction.guild;
  const channel = guild?.channels.cache.get(channelId);
  const missing = missingPostPermissions(channel, guild?.members.me, options.embeds ?? true);
  if (!channel || !missing) {
    ctx.log.debug({ channelId }, 'cannot check channel permissions: not cached');
    return;
  }
  // A forum that requires a tag and has only moderated ones refuses every post Gazette makes (it applies no moderated
  // tag): said now, not found later in a source's or route's failures.
  if (channel.type === ChannelType.GuildForum && channel.flags.has(ChannelFlags.RequireTag) && !channel.availableTags.some((t) => !t.moderated)) {
    throw new UserError('bot-permission', tagRequired(`<#${channelId}>`));
  }
  if (missing.length === 0) return;
  throw new UserError('bot-permission',
    `Gazette cannot post in <#${channelId}>: it lacks ${missing.join(', ')} there. ` +
      `Give Gazette's role ${missing.length === 1 ? 'that permission' : 'those permissions'} in the channel's settings, or pick another channel.`,
  );
}

/**
 * An IANA time zone by its current name ("europe/berlin" → "Europe/Berlin", "Europe/Kiev" → "Europe/Kyiv"), or a
 * UserError.
 */
export function requireTimeZone(typed: string): string {
  const zone = canonicalTimeZone(typed);
  if (zone) return zone;
  throw new UserError('invalid', `"${typed.trim()}" is not a time zone Gazette knows. Use an IANA name such as Europe/Berlin, Asia/Baku or America/New_York.`);
}

/** "8:05" or "08:05" → "08:05"; anything else is a UserError. */
export function requireTimeOfDay(typed: string): string {
  const minutes = parseClock(typed);
  if (minutes === undefined) throw new UserError('invalid', `"${typed.trim()}" is not a time of day. Write it as HH:MM on a 24-hour clock, e.g. 08:00 or 18:30.`);
  return formatClock(minutes);
}

/**
 * The server's tag of that name, refused in words when moderators banned it: a banned tag is on no story, so a route
 * or follow on it (or on its country or region, which the ban takes out of the stories' places) would do nothing.
 * `also`: what the refusal adds about the command's own case.
 */
export async function refuseBannedTag(ctx: InteractionContext, name: string, also?: string) {
  const known = await findTag(ctx.deps.prisma, ctx.guildId, name);
  if (known?.banned) throw new UserError('forbidden', `Moderators have banned the tag \`${known.label.replace(/`/g, "'")}\` here, so no story carries it${also ? ` and ${also}` : ''}.`);
  return known;
}
