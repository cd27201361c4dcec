// The alert DM: the stories a member follows that arrived since their last one, grouped by server, each a link to
// its post there (or `/news story` when it has none yet), at most ten with "and N more", and a button per follow that
// matched to stop following it. Inside Discord's limits by construction; it mentions nobody.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import { customId } from '../custom-ids.js';
import { clip, escapeText, isolatedText, plural } from '../reply.js';
import { firstPostLink } from '../render/story-list.js';

export interface AlertStory {
  id: number;
  title: string;
  url: string;
  sourceName: string;
  channelId: string | null;
  messageId: string | null;
  /** A forum post's thread: its link goes through the thread (a forum channel's message link opens nothing). */
  threadId: string | null;
}

export interface AlertSection {
  guildId: string;
  guildName: string;
  stories: AlertStory[];
}

export interface AlertMessageInput {
  sections: AlertSection[];
  /** Stories in this alert beyond those listed. */
  more: number;
  batchMinutes: number;
  /** Follows that matched the listed stories, for the unfollow buttons. */
  unfollow: { followId: number; label: string }[];
}

export const maxListed = 10;
const maxButtons = 10;

function storyLine(guildId: string, s: AlertStory): string {
  const title = isolatedText(clip(s.title, 150));
  const outlet = s.sourceName ? ` — ${isolatedText(clip(s.sourceName, 60))}` : '';
  const link = firstPostLink(guildId, s);
  if (link) return `• [${title}](${link})${outlet}`;
  return `• ${title}${outlet} · \`/news story id:${s.id}\``;
}

export function alertMessage(input: AlertMessageInput) {
  const listed = input.sections.reduce((n, s) => n + s.stories.length, 0);
  const total = listed + input.more;
  const parts: string[] = [];
  let length = 0;
  let dropped = 0;
  for (const section of input.sections) {
    const lines = [`**${escapeText(clip(section.guildName, 80))}**`, ...section.stories.map((s) => storyLine(section.guildId, s))];
    for (const line of lines) {
      // 4096 is the description's limit; a line that does not fit is counted among the "more".
      if (length + line.length + 1 > 3900) {
        if (line.startsWith('•')) dropped++;
        continue;
      }
      parts.push(line);
      length += line.length + 1;
    }
  }
  const more = input.more + dropped;
  if (more > 0) parts.push(`…and ${plural(more, 'more story', 'more stories')}: \`/news latest\` in the server shows them.`);
  const servers = input.sections.map((s) => s.guildName);
  const embed: APIEmbed = {
    title: 'New stories you follow',
    description: parts.join('\n'),
    footer: { text: `At most one of these every ${plural(input.batchMinutes, 'minute', 'minutes')}. /follow settings changes when; /follow list shows what you follow.` },
  };
  const buttons: APIButtonComponentWithCustomId[] = input.unfollow.slice(0, maxButtons).map((u) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: clip(`Unfollow ${u.label}`, 80),
    custom_id: customId({ kind: 'unfollow', followId: u.followId }),
  }));
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + 5) });
  const where = servers.length === 1 ? `in ${escapeText(clip(servers[0]!, 80))}` : `in ${servers.length} servers`;
  return {
    content: clip(`${plural(total, 'new story', 'new stories')} you follow ${where}.`, 200),
    embeds: [embed],
    components: rows,
  };
}
