// `/follow add|remove|list|settings`: a member's personal alerts, opt-in. What they follow is resolved the way tags
// and filters are (a country to its ISO code, a region to the guild's slug, a tag to its name, a keyword to its words
// as the filter language reads them); src/db/alerts.ts matches stories against it and src/discord/alerts sends the DMs.
// Every answer is private, and any /follow lets Gazette write to a member whose DMs were closed again.
import { alertEveryBounds } from '../../../commands/follow.js';
import { addFollow, alertSettings, followsEnabled, listFollows, reopenAlerts, removeFollow, updateAlertSettings, type AlertSettings, type AlertSettingsPatch, type FollowKind } from '../../db/follows.js';
import { isUserError, UserError } from '../../errors.js';
import { countryTag, parseFilter, regionTagName, resolveTag, type RegionDefinition } from '../../pipeline/orchestrator.js';
import { currentTimeZoneName } from '../../text/time-zones.js';
import { joinWords } from '../../text/unspaced.js';
import { followLabel, followLine } from '../alerts/follow-label.js';
import type { CommandContext } from '../command-context.js';
import type { Translate } from '../i18n/index.js';
import { clip, escapeText } from '../reply.js';
import { filterResolver, refuseBannedTag, requireRegion, requireTimeOfDay, requireTimeZone } from './source-checks.js';
import type { CommandHandlers, CommandNamed } from './types.js';

const kinds: readonly FollowKind[] = ['country', 'region', 'tag', 'keyword'];

interface Resolved {
  value: string;
  label: string;
  note?: string;
}

/** A keyword as the filter language reads a quoted phrase: its words, folded, in order. */
export function keywordWords(typed: string): string[] {
  const text = typed.replace(/["“”«»]/g, ' ').trim();
  try {
    const atom = text ? parseFilter(`"${text}"`).terms[0]?.anyOf[0] : undefined;
    return atom && 'words' in atom ? atom.words : [];
  } catch (error) {
    if (isUserError(error) && error.code === 'limit') throw new UserError('limit', 'A keyword is a word or a phrase of at most 8 words.');
    if (isUserError(error)) return [];
    throw error;
  }
}

async function resolveFollow(ctx: CommandContext, kind: FollowKind, typed: string, regions: RegionDefinition[]): Promise<Resolved> {
  if (kind === 'country') {
    const code = filterResolver(regions)('country', typed);
    if (!code) throw new UserError('invalid', `Gazette does not know the country "${clip(typed, 60)}". Use its English name or ISO code, such as Georgia or GE.`);
    await refuseBannedTag(ctx, countryTag(code).name);
    return { value: code, label: followLabel({ kind, value: code }, regions) };
  }
  if (kind === 'region') {
    const region = requireRegion(regions, typed);
    await refuseBannedTag(ctx, regionTagName(region.slug));
    return { value: region.slug, label: region.name };
  }
  if (kind === 'tag') {
    const tag = resolveTag(typed, regions);
    if (!tag || tag.name.length < 2) throw new UserError('invalid', `"${clip(typed, 60)}" is not a tag: a tag needs at least two letters or digits.`);
    // A tag merged into another lives on as its alias: follow the tag stories carry now.
    const known = await refuseBannedTag(ctx, tag.name);
    // Alerts are matched when a story arrives; members tag stories after that, so such a follow would never alert.
    if (known?.kind === 'member') throw new UserError('invalid', `\`${known.label.replace(/`/g, "'")}\` is a tag members give stories after they are posted, and alerts go out when a story arrives: follow a country, region, topic or keyword instead.`);
    const name = known?.name ?? tag.name;
    return { value: name, label: followLabel({ kind, value: name }, regions), ...(!known && { note: 'No story here has that tag yet; you will hear when one does.' }) };
  }
  const words = keywordWords(typed);
  if (words.length === 0 || words.join('').length < 2) throw new UserError('invalid', 'A keyword needs a word of at least two letters or digits, or a "phrase" in quotes.');
  // Words of a script without spaces are kept as one run, found by their letters (src/text/unspaced.ts).
  const value = joinWords(words);
  return { value, label: followLabel({ kind, value }, regions) };
}

function settingsLine(t: Translate, s: AlertSettings): string {
  return t('follow.settings.line', { batchMinutes: s.batchMinutes, quietStart: s.quietStart, quietEnd: s.quietEnd, timezone: currentTimeZoneName(s.timezone) });
}

/** Quiet hours from what was typed: both times, "off" to clear, or one time with the other kept. */
function quietPatch(start: string | null, end: string | null, current: AlertSettings): AlertSettingsPatch['quiet'] {
  if (start === null && end === null) return undefined;
  if ([start, end].some((t) => t !== null && /^(?:off|none|-)$/i.test(t.trim()))) return null;
  const from = start !== null ? requireTimeOfDay(start) : current.quietStart;
  const to = end !== null ? requireTimeOfDay(end) : current.quietEnd;
  if (!from || !to) throw new UserError('invalid', 'Quiet hours need both `quiet-start` and `quiet-end` (HH:MM, 24-hour), e.g. 22:00 and 07:00.');
  if (from === to) throw new UserError('invalid', 'Quiet hours must start and end at different times ("off" turns them off).');
  return { start: from, end: to };
}

export const followHandlers: CommandHandlers<CommandNamed<'follow'>> = {
  async add(ctx) {
    const kind = ctx.requiredString('kind') as FollowKind;
    if (!kinds.includes(kind)) throw new UserError('invalid', 'Follow a country, a region, a tag or a keyword.');
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const resolved = await resolveFollow(ctx, kind, ctx.requiredString('value').trim(), regions);
    const now = ctx.deps.now();
    await addFollow(ctx.deps.prisma, { guildId: ctx.guildId, userId: ctx.userId, kind, value: resolved.value, label: resolved.label }, now);
    const settings = await alertSettings(ctx.deps.prisma, ctx.userId);
    const lines = [
      `You now follow ${kind} **${escapeText(resolved.label)}** in this server.`,
      resolved.note,
      `Gazette sends you a direct message when stories about it arrive here: ${settingsLine(ctx.t, settings)}. \`/follow settings\` changes that; the buttons under each alert unfollow.`,
    ];
    await ctx.respond({ content: lines.filter(Boolean).join('\n') });
  },
  async remove(ctx) {
    const follow = await removeFollow(ctx.deps.prisma, ctx.userId, ctx.requiredInteger('follow'), ctx.guildId);
    await reopenAlerts(ctx.deps.prisma, ctx.userId, ctx.deps.now());
    await ctx.respond({ content: `You no longer follow ${escapeText(followLine(follow, await ctx.deps.regionsFor(ctx.guildId)))} in this server.` });
  },
  async list(ctx) {
    const { prisma } = ctx.deps;
    const [follows, settings, enabled] = await Promise.all([listFollows(prisma, ctx.userId, ctx.guildId), alertSettings(prisma, ctx.userId), followsEnabled(prisma, ctx.guildId)]);
    if (settings.dmClosed) await reopenAlerts(prisma, ctx.userId, ctx.deps.now());
    const regions = await ctx.deps.regionsFor(ctx.guildId);
    const { t } = ctx;
    const lines = follows.length
      ? [t('follow.list.heading', { count: follows.length }), ...follows.map((f) => `• ${escapeText(followLine(f, regions))}`)]
      : [t('follow.list.empty')];
    lines.push(t('follow.list.alerts', { settings: settingsLine(t, settings) }));
    if (!enabled) lines.push(t('follow.list.disabled'));
    if (settings.dmClosed) lines.push(t('follow.dmClosed'));
    await ctx.respond({ content: clip(lines.join('\n'), 1990) });
  },
  async settings(ctx) {
    const { prisma } = ctx.deps;
    const current = await alertSettings(prisma, ctx.userId);
    const zone = ctx.string('timezone');
    const every = ctx.integer('every');
    if (every !== null && (every < alertEveryBounds.min_value || every > alertEveryBounds.max_value)) {
      throw new UserError('limit', `\`every\` is between ${alertEveryBounds.min_value} and ${alertEveryBounds.max_value} minutes.`);
    }
    const patch: AlertSettingsPatch = {
      ...(zone !== null && { timezone: requireTimeZone(zone) }),
      ...(every !== null && { batchMinutes: every }),
    };
    const quiet = quietPatch(ctx.string('quiet-start'), ctx.string('quiet-end'), current);
    if (quiet !== undefined) patch.quiet = quiet;
    const updated = await updateAlertSettings(prisma, ctx.userId, patch, ctx.deps.now());
    const changed = Object.keys(patch).length > 0;
    const lines = [`${changed ? 'Your alerts are now' : 'Your alerts:'} ${settingsLine(ctx.t, updated)}. These settings apply in every server.`];
    if (current.dmClosed) lines.push(ctx.t('follow.dmClosed'));
    await ctx.respond({ content: lines.join('\n') });
  },
};
