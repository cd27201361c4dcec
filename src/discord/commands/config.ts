// `/config …`: server settings. Moderators may change them, except the moderator role itself, which needs Manage
// Server (anyone holding it could otherwise hand it on). src/db/guilds.ts and regions.ts write the audit log.
import { updateGuildSettings } from '../../db/guilds.js';
import { recentAudit } from '../../db/audit.js';
import { guildOverview } from '../../db/moderation.js';
import { UserError } from '../../errors.js';
import { configEmbed, digestWords, nextDigestWords } from '../render/moderation-config.js';
import { clip, escapeText, plural } from '../reply.js';
import { configLanguageCommand, withLanguageField } from './config-language.js';
import { configLogChannelCommand, withLogChannelField } from './config-log-channel.js';
import { configFollows } from './follow-config.js';
import { configPostAsOutlet } from './config-post-as-outlet.js';
import { configRegionCommand } from './config-region.js';
import { requireBotCanPost, requireTimeOfDay, requireTimeZone } from './source-checks.js';
import { manageServer, moderator } from '../guards.js';
import type { CommandHandlers, CommandNamed } from './types.js';
import { countHeldStories } from '../../db/held-posts.js';
import { recentDigestRuns } from '../../db/digests.js';

/**
 * What a settings change set, for an audit line ("moderatorRoleId <@&…>", "digestFrequency off"): handing out the
 * moderator role must not read like changing the language. Channels and roles are shown as mentions, which replies
 * never ping.
 */
function settingsChanged(details: unknown): string {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return '';
  const shown = Object.entries(details as Record<string, unknown>).map(([key, value]) => {
    if (value === null || value === false) return `${key} off`;
    if (value === true) return `${key} on`;
    const text = String(value);
    if (/ChannelId$/.test(key) && /^\d+$/.test(text)) return `${key} <#${text}>`;
    if (/RoleId$/.test(key) && /^\d+$/.test(text)) return `${key} <@&${text}>`;
    return `${key} ${clip(escapeText(text), 40)}`;
  });
  return shown.length ? ` ${clip(shown.join(', '), 200)}` : '';
}

export const configHandlers: CommandHandlers<CommandNamed<'config'>> = {
  show: moderator(async (ctx) => {
    const overview = await guildOverview(ctx.deps.prisma, ctx.guildId);
    const embed = withLanguageField(withLogChannelField(configEmbed(overview), overview.guild.logChannelId), overview.guild.language, ctx.deps.translator !== undefined);
    // The operator's limits (environment), so moderators know why a source or a post was refused.
    const { MAX_SOURCES_PER_GUILD: sources, MAX_POSTS_PER_CHANNEL_HOUR: posts } = ctx.deps.config;
    // Those not posted since in another channel: the digest lists only those.
    const held = await countHeldStories(ctx.deps.prisma, ctx.guildId, new Date(ctx.deps.now().getTime() - 86_400_000), { excluding: [] });
    const where = overview.guild.digestChannelId && overview.guild.digestFrequency ? 'the digest lists them' : 'no digest is set, so only `/news search` finds them';
    const heldLine = held ? `\n${plural(held, 'story was', 'stories were')} held back by it in the last 24 hours: ${where}.` : '';
    const overflow = overview.guild.digestChannelId && overview.guild.digestFrequency ? 'the digest lists them, and they stay searchable' : 'they stay searchable, and a digest would list them';
    embed.fields = [...(embed.fields ?? []), { name: 'Limits', value: `${sources} sources · ${posts} posts per channel an hour (more are not posted there: ${overflow})${heldLine}` }];
    await ctx.respond({ embeds: [embed] });
  }),

  audit: moderator(async (ctx) => {
    const entries = await recentAudit(ctx.deps.prisma, ctx.guildId, 20);
    if (!entries.length) return ctx.respond({ content: 'No moderator has changed anything yet.' });
    // Newest first, one line each: when, who (no ping: replies never mention), what, on what.
    // What Gazette did by itself (a merge of stories that converged) has no member behind it.
    // A story edit made from another server (STORY_EDITS_ACROSS_SERVERS) names its moderator, who is no member here.
    const elsewhere = (details: unknown) => typeof details === 'object' && details !== null && 'server' in details;
    const who = (e: (typeof entries)[number]) => (elsewhere(e.details) ? 'a moderator of another server' : /^\d+$/.test(e.actorId) ? `<@${e.actorId}>` : 'Gazette');
    const lines = entries.map((e) => `<t:${Math.floor(e.createdAt.getTime() / 1000)}:R> ${who(e)} \`${e.action}\`${e.target ? ` ${e.target}` : settingsChanged(e.details)}`);
    await ctx.respond({ content: fitLines(`Last ${lines.length} moderator actions:`, lines, 2000) });
  }),

  'moderator-role': manageServer(async (ctx) => {
    const role = ctx.role('role');
    if (role?.id === ctx.guildId) throw new UserError('forbidden', '@everyone cannot be the moderator role: every member would become a moderator. Pick a role moderators have.');
    await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, { moderatorRoleId: role?.id ?? null });
    await ctx.respond({
      content: role
        ? `Members with the role <@&${role.id}> can now moderate Gazette (sources, routes, tags, settings), besides members with Manage Server.`
        : 'Cleared the moderator role: only members with Manage Server can moderate Gazette now.',
    });
  }),

  digest: moderator(async (ctx) => {
    const schedule = ctx.requiredString('schedule');
    if (schedule === 'off') {
      await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, { digestFrequency: null, digestChannelId: null, digestTime: null });
      await ctx.respond({ content: 'The digest is off. `/config digest` turns it on again.' });
      return;
    }
    if (schedule !== 'daily' && schedule !== 'weekly') throw new UserError('invalid', 'The schedule is daily, weekly or off.');
    const typedTime = ctx.string('time');
    const typedZone = ctx.string('timezone');
    // Check what was typed before looking anything up, so every mistake is reported the same way.
    const time = typedTime === null ? null : requireTimeOfDay(typedTime);
    const timezone = typedZone === null ? null : requireTimeZone(typedZone);
    // What was not given is kept as it is when written (another moderator may be changing it at the same moment).
    const updated = await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, (guild) => {
      const channelId = ctx.channel('channel')?.id ?? guild.digestChannelId;
      if (!channelId) throw new UserError('invalid', 'Which channel should the digest go to? Give `channel` the first time you turn the digest on.');
      requireBotCanPost(ctx, channelId);
      return { digestFrequency: schedule, digestChannelId: channelId, digestTime: time ?? guild.digestTime ?? '08:00', ...(timezone && { timezone }) };
    });
    const next = nextDigestWords(updated, ctx.deps.now(), await recentDigestRuns(ctx.deps.prisma, ctx.guildId));
    await ctx.respond({ content: `Digest: ${digestWords(updated)}, with the ${schedule === 'weekly' ? 'week' : 'day'}’s most significant stories.${next}` });
  }),

  submissions: moderator(async (ctx) => {
    const approval = ctx.boolean('approval') === true;
    const typedChannel = ctx.channel('review-channel')?.id ?? null;
    // Review posts are text and buttons: Embed Links is not needed there.
    if (typedChannel) requireBotCanPost(ctx, typedChannel, { embeds: false });
    const updated = await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, (guild) => {
      const reviewChannelId = typedChannel ?? guild.reviewChannelId;
      if (approval && !reviewChannelId) {
        throw new UserError('invalid', 'Approval needs a review channel, where moderators approve or reject each submission: give `review-channel` too.');
      }
      return { submissionsNeedApproval: approval, reviewChannelId };
    });
    await ctx.respond({
      content: approval
        ? `Member submissions (\`/news submit\`) now wait for a moderator’s approval in <#${updated.reviewChannelId}>.`
        : 'Member submissions (`/news submit`) are posted at once, without approval.',
    });
  }),

  timezone: moderator(async (ctx) => {
    const timezone = requireTimeZone(ctx.requiredString('timezone'));
    const updated = await updateGuildSettings(ctx.deps.prisma, ctx.guildId, ctx.userId, { timezone });
    const next = updated.digestChannelId ? nextDigestWords(updated, ctx.deps.now(), await recentDigestRuns(ctx.deps.prisma, ctx.guildId)) : '';
    await ctx.respond({ content: `The server’s time zone is now ${timezone}: digests go out by its clock.${next}` });
  }),

  region: moderator(configRegionCommand),
  language: moderator(configLanguageCommand),

  'log-channel': moderator(configLogChannelCommand),
  follows: moderator(configFollows),
  'post-as-outlet': moderator(configPostAsOutlet),
};

/** A heading and as many lines as fit in `max` characters (Discord's message limit), newest first. */
function fitLines(heading: string, lines: string[], max: number): string {
  let out = heading;
  for (const line of lines) {
    if (out.length + line.length + 1 > max) break;
    out += `\n${line}`;
  }
  return out;
}
