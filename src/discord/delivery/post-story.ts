// Posting one outbox row: a message in a text channel, or a post (thread) in a forum. Idempotent: the message
// carries the row's nonce with enforce_nonce, and a row whose earlier attempt may have reached Discord is first
// looked for in the channel, so a crash mid-post never produces a second post.
import { ChannelFlags, ChannelType, DiscordAPIError, PermissionFlagsBits, RateLimitError, Routes, type APIChannel, type APIMessage, type APIRole, type APIThreadChannel, type Client } from 'discord.js';
import type { StoryView } from '../../db/story-views.js';
import { clip, noMentions } from '../reply.js';
import { renderMergedPostMessage, renderStoryMessage } from '../render/story-message.js';
import { PermissionsMissingError, tagRequiredError } from './discord-errors.js';
import { missingPostPermissionsIn } from '../post-permissions.js';
import { findForumPost, findMessage } from './find-post.js';
import { forumTagsFor } from './forum-tags.js';
import { editOutletWebhookMessage, executeOutletWebhook, outletUsername, type OutletWebhook } from './outlet-webhook.js';

export interface PostTarget {
  channelId: string;
  guildId: string;
  nonce: string;
  uncertain: boolean;
  /** A role a route pings with this post (planning decided it, cool-down included); absent: nobody is mentioned. */
  mentionRoleId?: string | null | undefined;
  /** Post as the outlet through this webhook (`/config post-as-outlet`; text channels only). */
  webhook?: OutletWebhook | null | undefined;
  /** With `uncertain`: stories merged into this one since it was planned, whose post an earlier attempt may have made. */
  formerStories?: { id: number; title: string }[] | undefined;
  /** When the post was planned (with `uncertain`: a forum post made for it is no older). */
  since?: Date | undefined;
}

/**
 * The mention part of a post. With a role, the content is that role's mention and allowed_mentions names exactly that
 * role, so nothing else can ever notify (feed text lives in the embed, which never pings anyway); without, nothing.
 */
export function mentionOf(roleId: string | null | undefined): { content?: string; allowed_mentions: { parse: never[]; roles?: string[] } } {
  // A snowflake, or nothing: a malformed id must not become mention syntax.
  if (!roleId || !/^\d{17,20}$/.test(roleId)) return { allowed_mentions: noMentions };
  return { content: `<@&${roleId}>`, allowed_mentions: { parse: [], roles: [roleId] } };
}

/**
 * A route's role mention in a webhook's post. A webhook notifies any role, mentionable or not: it notifies the role
 * only where Gazette's own post would (the role is mentionable, or Gazette may mention every role in the channel, as
 * `/route add` checked), and otherwise shows the mention without notifying anyone, as the route's note says.
 */
async function webhookMentionOf(client: Client, target: PostTarget) {
  const mention = mentionOf(target.mentionRoleId);
  const roleId = mention.allowed_mentions.roles?.[0];
  if (!roleId) return mention;
  // A server of another process's shards is not in this one's cache (it posts for them while that one restarts).
  const role = client.guilds.cache.get(target.guildId)?.roles.cache.get(roleId) ?? ((await client.rest.get(Routes.guildRoles(target.guildId))) as APIRole[]).find((r) => r.id === roleId);
  const channel = client.channels.cache.get(target.channelId);
  const me = client.user;
  const gazetteMay = !!me && !!channel && 'permissionsFor' in channel && !!channel.permissionsFor(me)?.has(PermissionFlagsBits.MentionEveryone);
  return role?.mentionable || gazetteMay ? mention : { ...mention, allowed_mentions: { parse: [], roles: [] } };
}

export interface Posted {
  messageId: string;
  threadId: string | null;
  recovered: boolean;
  /** The webhook that posted it; null for the bot's own post. */
  webhookId: string | null;
  /** The outlet name the webhook posted it under; null for the bot's own post. */
  postedAs: string | null;
}

interface ChannelInfo {
  isForum: boolean;
  tags: Array<{ id: string; name: string; moderated: boolean }>;
  /** The forum's "Require tags when posting". */
  requireTag: boolean;
}

// A process posts into guilds of other processes' shards too (any process delivers), and discord.js keeps no cache of
// a guild it does not serve: without this, each such post cost a GET /channels/:id out of the token's 50 requests a
// second, and two processes posted fewer stories than one (`npm run bench -- scale`). A forum's tags may change, so
// what was fetched is kept for ten minutes; the gateway's cache, for this process's own guilds, is always current.
const fetchedChannels = new Map<string, ChannelInfo & { at: number }>();
const fetchedChannelTtlMs = 10 * 60_000;

function infoOf(channel: NonNullable<ReturnType<Client['channels']['cache']['get']>>): ChannelInfo {
  const isForum = channel.type === ChannelType.GuildForum;
  const tags = isForum && 'availableTags' in channel ? channel.availableTags.map((t) => ({ id: t.id, name: t.name, moderated: t.moderated })) : [];
  return { isForum, tags, requireTag: isForum && channel.flags.has(ChannelFlags.RequireTag) };
}

/**
 * What Discord says of the channel, read as it sends it: discord.js makes no channel object of a server it has not
 * cached (`channels.fetch` answers null), and a forum of another process's server was taken for a text channel, its
 * posts sent as messages, which Discord refuses there.
 */
function infoOfApi(channel: APIChannel): ChannelInfo {
  if (channel.type !== ChannelType.GuildForum) return { isForum: false, tags: [], requireTag: false };
  const tags = channel.available_tags.map((t) => ({ id: t.id, name: t.name, moderated: t.moderated }));
  return { isForum: true, tags, requireTag: ((channel.flags ?? 0) & ChannelFlags.RequireTag) !== 0 };
}

async function channelInfo(client: Client, channelId: string): Promise<ChannelInfo> {
  const cached = client.channels.cache.get(channelId);
  if (cached) return infoOf(cached);
  const known = fetchedChannels.get(channelId);
  if (known && Date.now() - known.at < fetchedChannelTtlMs) return known;
  const info = infoOfApi((await client.rest.get(Routes.channel(channelId))) as APIChannel);
  if (fetchedChannels.size >= 10_000) fetchedChannels.clear();
  fetchedChannels.set(channelId, { ...info, at: Date.now() });
  return info;
}

export async function postStory(client: Client, view: StoryView, target: PostTarget): Promise<Posted> {
  const { isForum, tags, requireTag } = await channelInfo(client, target.channelId);
  // A member's share is posted as Gazette: the outlet's name and icon would be whatever the shared page says about
  // itself (its og:site_name, its favicon), a name of the member's choosing ("Server Moderators").
  const hook = isForum || view.leadShared ? null : (target.webhook ?? null);
  // Gazette's own post, in a channel of this process's servers: not sent where Discord would refuse it (a webhook posts
  // by its token, whatever Gazette's permissions).
  const missing = hook ? undefined : missingPostPermissionsIn(client, target.guildId, target.channelId);
  if (missing?.length) throw new PermissionsMissingError(target.channelId, missing);
  if (target.uncertain) {
    const as = { guildId: target.guildId, channelId: target.channelId, storyId: view.id, title: view.title, formerStories: target.formerStories, since: target.since };
    const found = isForum ? await findForumPost(client, as) : await findMessage(client, as, hook?.webhookId ?? null);
    if (found) return { ...found, recovered: true };
  }
  const message = renderStoryMessage(view, { forum: isForum });
  if (isForum) {
    const thread = (await client.rest.post(Routes.threads(target.channelId), {
      body: {
        name: clip(view.title, 100),
        applied_tags: appliedTags(view, tags, requireTag, target.channelId),
        message: { ...message, ...mentionOf(target.mentionRoleId) },
      },
    })) as APIThreadChannel & { message?: APIMessage };
    // On Discord a forum post's first message has the thread's id; the response says so explicitly.
    return { messageId: thread.message?.id ?? thread.id, threadId: thread.id, recovered: false, webhookId: null, postedAs: null };
  }
  if (hook) {
    // A webhook takes no nonce: a crash mid-post is recovered by looking for the story's footer (uncertain above).
    const sent = await executeOutletWebhook(client, hook, view, { ...message, ...(await webhookMentionOf(client, target)) });
    return { messageId: sent.id, threadId: null, recovered: false, webhookId: hook.webhookId, postedAs: outletUsername(view.sourceName) };
  }
  const sent = (await client.rest.post(Routes.channelMessages(target.channelId), {
    body: { ...message, ...mentionOf(target.mentionRoleId), nonce: target.nonce, enforce_nonce: true },
  })) as APIMessage | ArrayBuffer;
  // A success without a message (an empty body, as a broken proxy once answered) is not a post: recorded as one, the
  // story would never appear. Failing here retries it, and the nonce keeps Discord from posting it twice.
  if (!('id' in sent) || typeof sent.id !== 'string') throw new Error(`Discord answered the post in channel ${target.channelId} without a message`);
  return { messageId: sent.id, threadId: null, recovered: false, webhookId: null, postedAs: null };
}

/**
 * The forum tags of a post: the story's own that the forum has. A forum that requires a tag and has none of them gets
 * its first tag anyone may apply (a moderated one only moderators may); with none, Discord would refuse every such
 * post (40067), so it is refused here in words.
 */
function appliedTags(view: StoryView, tags: ChannelInfo['tags'], requireTag: boolean, channelId: string): string[] {
  const matched = forumTagsFor(view, tags);
  if (matched.length || !requireTag) return matched;
  const open = tags.find((t) => !t.moderated);
  if (!open) throw tagRequiredError(channelId);
  return [open.id];
}

/**
 * Refreshes a post in place (votes, another outlet). In a forum the message lives in the post's thread. A post an
 * outlet webhook made is edited through that webhook (`hook`), as only it may. `keptPost`: the post, in the same
 * channel, of the story this post's story was merged into; this one then points there.
 *
 * A webhook post keeps the name and icon it went out under (`post.postedAs`): Discord lets no edit change a message's
 * author. When the story's lead is another outlet's since (a moderator split the lead article out), the post says
 * which outlet leads it now and why the name above differs, rather than being deleted and posted again: that would
 * move an old story to the bottom of the channel as if new, cut its discussion thread off from the post it started
 * from, and drop members' reactions. Its votes and thread are the story's and stay.
 */
export async function editStory(
  client: Client,
  view: StoryView,
  post: { channelId: string; messageId: string; threadId: string | null; postedAs?: string | null },
  hook?: OutletWebhook | null,
  keptPost?: Parameters<typeof renderMergedPostMessage>[1],
) {
  // Only forum posts record a thread at posting time (a Discuss thread is kept on the guild's story, not here).
  const forum = post.threadId !== null;
  const postedUnder = hook && post.postedAs && post.postedAs !== outletUsername(view.sourceName) ? post.postedAs : undefined;
  // No content: a role mention the post began with stays as it was, and with no mentions allowed an edit (votes,
  // another outlet) never notifies anyone again.
  const body = { ...(keptPost ? renderMergedPostMessage(view, keptPost) : renderStoryMessage(view, { forum, postedUnder })), allowed_mentions: noMentions };
  if (hook) return editOutletWebhookMessage(client, hook, post.messageId, body);
  const patch = () => client.rest.patch(Routes.channelMessage(post.threadId ?? post.channelId, post.messageId), { body });
  // What the forum post showed before this edit: its title and tags follow the story from it.
  const before = forum && !keptPost ? await forumPostBefore(client, view, post) : undefined;
  try {
    await patch();
    if (before) await refreshForumThread(client, view, before);
  } catch (error) {
    // Discord archives a quiet forum post after a day to a week (a bot's edits are no activity), and then refuses its
    // edits: the story's later outlets, votes and tags stayed off it. Gazette's own thread is reopened, once; a thread
    // moderators locked stays as they left it (the edit fails for good, in words).
    if (!forum || !(error instanceof DiscordAPIError) || error.code !== threadArchived) throw error;
    const thread = (await client.rest.get(Routes.channel(post.threadId!)).catch(() => null)) as APIThreadChannel | null;
    if (!thread || thread.thread_metadata?.locked) throw error;
    await client.rest.patch(Routes.channel(post.threadId!), { body: { archived: false } });
    await patch();
    if (before) await refreshForumThread(client, view, before);
  }
}

interface ForumPostBefore {
  threadId: string;
  name: string;
  tags: string[];
  /** The title its message showed before this edit, and the text of its fields (the story's tags among them). */
  title: string;
  fields: string;
  /** The forum's own tags. */
  forumTags: ChannelInfo['tags'];
}

/**
 * The forum post as it was before this edit, when the story's title or tags may call for a change of it: its thread as
 * the gateway holds it, or read once from Discord when it holds none (an archived post, or any after a restart: the
 * gateway sends active threads only), and its message, read only then (a post whose title and tags are the story's
 * costs no request).
 */
async function forumPostBefore(client: Client, view: StoryView, post: { channelId: string; messageId: string; threadId: string | null }): Promise<ForumPostBefore | undefined> {
  // Fetched, it is cached: the post's next edits read it as they do an active one's.
  const thread = client.channels.cache.get(post.threadId!) ?? (await client.channels.fetch(post.threadId!).catch(() => null));
  if (!thread?.isThread()) return undefined;
  const forumTags = (await channelInfo(client, post.channelId)).tags;
  const missing = forumTagsFor(view, forumTags).some((id) => !thread.appliedTags.includes(id));
  if (thread.name === clip(view.title, 100) && !missing) return undefined;
  const message = (await client.rest.get(Routes.channelMessage(post.threadId!, post.messageId)).catch(() => null)) as APIMessage | null;
  const embed = message?.embeds[0];
  if (!embed?.title) return undefined;
  return { threadId: post.threadId!, name: thread.name, tags: [...thread.appliedTags], title: embed.title, fields: (embed.fields ?? []).map((f) => f.value).join('\n'), forumTags };
}

/**
 * A forum post's title follows its story's lead (a split changes it), and a tag the story gained that the forum has
 * (a member's, another outlet's topic) joins the post's. Only what Gazette set is changed: a title moderators renamed
 * (not the one its message showed) stays theirs, and a tag the story had before this edit is not put back if they took
 * it off.
 */
async function refreshForumThread(client: Client, view: StoryView, before: ForumPostBefore) {
  const name = clip(view.title, 100);
  const rename = before.name === clip(before.title, 100) && before.name !== name;
  const gained = view.tags.filter((t) => !before.fields.includes(t.label.replace(/`/g, "'")));
  const added = gained.length ? forumTagsFor({ ...view, tags: gained }, before.forumTags).filter((id) => !before.tags.includes(id)) : [];
  const tags = [...before.tags, ...added].slice(0, 5);
  if (!rename && tags.length === before.tags.length) return;
  // The post's message is edited already: a refusal here (a forum moderators locked down, a rename over Discord's
  // sublimit: rename-refused.ts) leaves its title as it was rather than failing an edit that was made.
  await client.rest.patch(Routes.channel(before.threadId), { body: { ...(rename && { name }), applied_tags: tags } }).catch((error: unknown) => {
    if (!(error instanceof DiscordAPIError) && !(error instanceof RateLimitError)) throw error;
  });
}

/** Discord's code for a thread that is archived (or locked). */
const threadArchived = 50083;
