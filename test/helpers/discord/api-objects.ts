// Discord-shaped payloads built from the stand-in's records, typed with discord-api-types so a drift between what
// the stand-in sends and what Discord documents shows up as a type error.
import {
  ChannelType,
  GatewayIntentBits,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  type ChannelFlags,
  type GuildMemberFlags,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord, UserRecord } from './model.js';
import { channelMessages, requireUser, type StandInState } from './state.js';

export function apiUser(user: UserRecord): APIUser {
  return {
    id: user.id,
    username: user.username,
    // Bots keep a four-digit discriminator; migrated users have "0".
    discriminator: user.bot ? '0001' : '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
  } satisfies APIUser;
}

export function apiMember(state: StandInState, guild: GuildRecord, userId: string): APIGuildMember {
  const member = guild.members.get(userId);
  if (!member) throw new Error(`User ${userId} is not a member of guild ${guild.id}.`);
  return {
    user: apiUser(requireUser(state, userId)),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: member.roles,
    joined_at: member.joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  } satisfies APIGuildMember;
}

export function apiChannel(channel: ChannelRecord): APIChannel {
  if (channel.type === ChannelType.DM) {
    return {
      id: channel.id,
      type: ChannelType.DM,
      name: null,
      flags: 0 as ChannelFlags,
      last_message_id: channel.lastMessageId,
      recipients: channel.recipient ? [apiUser(channel.recipient)] : [],
    } satisfies APIChannel;
  }
  const common = { id: channel.id, guild_id: channel.guildId, name: channel.name, position: channel.position, flags: channel.flags ?? 0 };
  const overwrites = channel.permissionOverwrites;
  if (channel.thread) {
    const t = channel.thread;
    return {
      ...common,
      type: channel.type as ChannelType.PublicThread,
      parent_id: channel.parentId ?? undefined,
      owner_id: t.ownerId,
      last_message_id: channel.lastMessageId,
      message_count: t.messageCount,
      member_count: 1,
      total_message_sent: t.messageCount,
      rate_limit_per_user: 0,
      applied_tags: t.appliedTags,
      thread_metadata: {
        archived: t.archived,
        locked: t.locked,
        auto_archive_duration: t.autoArchiveDuration,
        archive_timestamp: t.archiveTimestamp,
      },
    } satisfies APIChannel;
  }
  switch (channel.type) {
    case ChannelType.GuildForum:
      return {
        ...common,
        type: ChannelType.GuildForum,
        parent_id: channel.parentId,
        permission_overwrites: overwrites,
        topic: channel.topic,
        nsfw: false,
        available_tags: channel.availableTags,
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: 0,
      } satisfies APIChannel;
    case ChannelType.GuildVoice:
      return {
        ...common,
        type: ChannelType.GuildVoice,
        parent_id: channel.parentId,
        permission_overwrites: overwrites,
        bitrate: 64000,
        user_limit: 0,
        rtc_region: null,
        nsfw: false,
        rate_limit_per_user: 0,
        last_message_id: null,
      } satisfies APIChannel;
    case ChannelType.GuildCategory:
      return { ...common, type: ChannelType.GuildCategory, permission_overwrites: overwrites, parent_id: null } satisfies APIChannel;
    default:
      return {
        ...common,
        type: channel.type as ChannelType.GuildText,
        parent_id: channel.parentId,
        permission_overwrites: overwrites,
        topic: channel.topic,
        nsfw: false,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: 0,
      } satisfies APIChannel;
  }
}

export function apiGuild(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: 'en-US',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [...guild.roles.values()],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.locale as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    incidents_data: null,
    max_members: 500000,
    max_video_channel_users: 25,
  } satisfies APIGuild;
}

/**
 * GUILD_CREATE as Discord sends it: channels, active threads and roles always; members only with the privileged
 * Guild Members intent (otherwise just the bot itself, which is what Discord guarantees).
 */
export function guildCreatePayload(state: StandInState, guild: GuildRecord, intents: number): GatewayGuildCreateDispatchData {
  const channels = guild.channelIds.map((id) => state.channels.get(id)).filter((c): c is ChannelRecord => !!c && !c.deleted);
  const threads = [...state.channels.values()].filter(
    (c) => c.guildId === guild.id && c.thread && !c.deleted && !c.thread.archived,
  );
  const memberIds = intents & GatewayIntentBits.GuildMembers ? [...guild.members.keys()] : [state.botUserId];
  return {
    ...apiGuild(guild),
    joined_at: guild.members.get(state.botUserId)?.joinedAt ?? new Date().toISOString(),
    large: guild.members.size > 250,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: memberIds.map((id) => apiMember(state, guild, id)),
    // apiChannel returns the wide union; these lists only ever hold guild channels and threads respectively.
    channels: channels.map(apiChannel) as GatewayGuildCreateDispatchData['channels'],
    threads: threads.map(apiChannel) as GatewayGuildCreateDispatchData['threads'],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } satisfies GatewayGuildCreateDispatchData;
}

/** Messages in a channel, newest first, as `GET /channels/:id/messages` pages them. */
export function listMessages(
  state: StandInState,
  channelId: string,
  query: { before?: string; after?: string; limit?: string },
): unknown[] {
  const limit = Math.min(Math.max(Number(query.limit ?? 50) || 50, 1), 100);
  let list = channelMessages(state, channelId).filter((m) => !m.deleted && !m.ephemeral);
  if (query.before) list = list.filter((m) => BigInt(m.id) < BigInt(query.before ?? '0'));
  if (query.after) list = list.filter((m) => BigInt(m.id) > BigInt(query.after ?? '0'));
  return list.reverse().slice(0, limit).map((m) => m.data);
}
