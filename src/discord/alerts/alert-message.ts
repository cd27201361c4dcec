// The alert DM: the stories a member follows that arrived since their last one, grouped by server, each a link to
// its post there (or `/news story` when it has none yet), at most ten with "and N more", and a button per follow that
// matched to stop following it. Inside Discord's limits by construction; it mentions nobody.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import { customId } from '../custom-ids.js';
import { clip, escapeText, isolatedText, plural } from '../reply.js';
import { fitList } from '../render/fit-list.js';
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
  /** Follows that matched the listed stories, for the unfollow buttons, with the server each is in. */
  unfollow: { followId: number; label: string; server?: string | undefined }[];
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
  // One item per story, a server's name going with its first: the stories that do not fit the description's 4096
  // characters are counted with the "more", and a server's name never shows without a story under it.
  const items = input.sections.flatMap((section) =>
    section.stories.map((s, i) => `${i === 0 ? `**${escapeText(clip(section.guildName, 80))}**\n` : ''}${storyLine(section.guildId, s)}`),
  );
  const total = items.length + input.more;
  const description = fitList(items, 4000, '\n', (n) => `…and ${plural(n, 'more story', 'more stories')}: \`/news latest\` in the server shows them.`, total);
  const servers = input.sections.map((s) => s.guildName);
  const embed: APIEmbed = {
    title: 'New stories you follow',
    description,
    footer: { text: `At most one of these every ${plural(input.batchMinutes, 'minute', 'minutes')}. /follow settings changes when; /follow list shows what you follow.` },
  };
  const buttons: APIButtonComponentWithCustomId[] = input.unfollow.slice(0, maxButtons).map((u) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    // Georgia followed in two servers is two buttons: each says which server it unfollows in.
    label: clip(`Unfollow ${u.label}${servers.length > 1 && u.server ? ` in ${u.server}` : ''}`, 80),
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
