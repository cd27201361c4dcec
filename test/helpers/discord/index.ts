export { startDiscordStandIn, type DiscordStandIn, type StandInOptions, type InteractionExtras } from './stand-in.js';
export type { InteractionHandle, InteractionRecord, ResponseRecord, SettleOptions } from './interactions.js';
export type { StoredMessage, RecordedRequest, Violation, ViolationKind, MentionCheck, GuildRecord } from './model.js';
export type { Fault, RateLimitOptions } from './rate-limits.js';
export type { AddGuildInput, AddChannelInput, AddRoleInput, AddMemberInput, PermissionInput } from './state.js';
export { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './state.js';
export type { AttachmentInput, OptionValue } from './interaction-options.js';
export type { IdentifyRecord, ShardingOptions, ShardTuple } from './shards.js';
export { shardOf } from './snowflake.js';
