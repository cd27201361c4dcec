// `/config show`: every server setting in one embed, in words.
import type { APIEmbed } from 'discord-api-types/v10';
import type { guildOverview } from '../../db/moderation.js';
import { maxRoutesPerGuild } from '../../db/routes.js';
import { countryName } from '../../pipeline/orchestrator.js';
import { currentTimeZoneName } from '../../text/time-zones.js';
import { clip, escapeText } from '../reply.js';
import { digestDecision, type DigestRunRecord, type DigestSettings } from '../digest-schedule.js';
import { embedColor } from './story-message.js';

type Overview = Awaited<ReturnType<typeof guildOverview>>;

export function digestWords(g: { digestFrequency: string | null; digestTime: string | null; digestChannelId: string | null; timezone: string }): string {
  if (!g.digestFrequency || !g.digestTime || !g.digestChannelId) return 'Off. `/config digest` turns it on.';
  const when = g.digestFrequency === 'weekly' ? `Mondays at ${g.digestTime}` : `Every day at ${g.digestTime}`;
  return `${when} (${currentTimeZoneName(g.timezone)}) in <#${g.digestChannelId}>`;
}

/**
 * When the next digest goes out, after a change of its settings: one whose time has already come today is posted
 * within a minute, which the schedule's words alone ("Every day at 08:00") did not say. Starts with a space.
 */
export function nextDigestWords(g: DigestSettings, now: Date, runs: DigestRunRecord[]): string {
  const decision = digestDecision(g, now, runs);
  const unit = g.digestFrequency === 'weekly' ? 'week' : 'day';
  const next = unit === 'week' ? 'next Monday' : 'tomorrow';
  switch (decision.state) {
    case 'off':
    case 'later':
      return '';
    case 'due':
      return ` This ${unit}’s goes out within a minute.`;
    case 'done':
      return ` One goes out per ${unit} by the server’s clock, and this ${unit}’s is done: the next one is ${next}.`;
  }
}

export function configEmbed(o: Overview): APIEmbed {
  const g = o.guild;
  const regions = o.regions.length
    ? o.regions.map((r) => `**${escapeText(r.name)}**: ${r.countries.length ? r.countries.map((c) => countryName(c)).join(', ') : 'switched off'}`).join('\n')
    : 'None: the built-in regions apply.';
  return {
    title: 'Gazette settings',
    color: embedColor,
    fields: [
      { name: 'Moderators', value: `Members with Manage Server${g.moderatorRoleId ? ` and the role <@&${g.moderatorRoleId}>` : '. No moderator role is set (`/config moderator-role`).'}` },
      { name: 'Time zone', value: currentTimeZoneName(g.timezone), inline: true },
      {
        name: 'Digest',
        value: clip(`${digestWords(g)}${o.digestFailure ? `\n⚠ The last one (${o.digestFailure.period}) could not be posted: ${o.digestFailure.error}` : ''}`, 1024),
        inline: !o.digestFailure,
      },
      {
        name: 'Member submissions',
        value: g.submissionsNeedApproval
          ? `Need a moderator’s approval${g.reviewChannelId ? ` in <#${g.reviewChannelId}>` : ' (no review channel set!)'}`
          : `Posted at once${g.reviewChannelId ? ` (review channel <#${g.reviewChannelId}> kept for later)` : ''}`,
      },
      { name: 'Sources', value: `${o.sources}${o.pausedSources ? ` (${o.pausedSources} paused)` : ''} · \`/source list\``, inline: true },
      { name: 'Routes', value: `${o.routes} of at most ${maxRoutesPerGuild} · \`/route list\``, inline: true },
      { name: 'Personal alerts', value: g.followsEnabled ? 'On: members may `/follow` and get DMs. `/config follows` turns them off.' : 'Off. `/config follows` turns them on.', inline: true },
      {
        name: 'Posted as the outlet',
        value: clip(o.outletChannels.length ? o.outletChannels.map((c) => `<#${c}>`).join(', ') : 'Nowhere: Gazette posts as itself. `/config post-as-outlet` changes a channel.', 1024),
        inline: true,
      },
      { name: 'Regions changed', value: clip(regions, 1024) },
    ],
  };
}
