// The stand-in's own records. Discord-shaped payloads are built from these on demand (see api-objects.ts), so the
// state stays small and every payload is typed against discord-api-types where it is produced.
import type {
  APIApplicationCommand,
  APIGuildForumTag,
  APIMessage,
  APIOverwrite,
  APIRole,
  ChannelType,
} from 'discord-api-types/v10';

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface MemberRecord {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  /** The managed role Discord gives a bot when it joins; holds the bot's guild-wide permissions. */
  botRoleId: string;
  roles: Map<string, APIRole>;
  members: Map<string, MemberRecord>;
  channelIds: string[];
}

export interface ThreadState {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: 60 | 1440 | 4320 | 10080;
  archiveTimestamp: string;
  appliedTags: string[];
  messageCount: number;
}

export interface ChannelRecord {
  id: string;
  guildId: string;
  type: ChannelType;
  name: string;
  position: number;
  parentId: string | null;
  topic: string | null;
  availableTags: APIGuildForumTag[];
  permissionOverwrites: APIOverwrite[];
  /** Channel flags (REQUIRE_TAG on a forum); absent: none. */
  flags?: number;
  /** Present for thread channels (public, private and forum posts). */
  thread: ThreadState | null;
  /** Present for DM channels (type 1, `guildId` ''): the user the bot writes to. */
  recipient?: UserRecord;
  lastMessageId: string | null;
  deleted: boolean;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  /** The message as Discord would return it now. */
  data: APIMessage;
  /** Earlier versions, oldest first: one entry per accepted edit. */
  versions: APIMessage[];
  deleted: boolean;
  ephemeral: boolean;
  /** The interaction whose response or follow-up created this message, if any. */
  interactionId: string | null;
  createdAt: number;
  /** A channel webhook's message: the `avatar_url` it was executed with (Discord shows it; the API has only a hash). */
  avatarUrl?: string | null;
}

/** A channel webhook (`POST /channels/:id/webhooks`). One the bot made is owned by its application, so its messages
 * may carry interactive components whose clicks come to the application. */
export interface WebhookRecord {
  id: string;
  token: string;
  guildId: string;
  channelId: string;
  name: string;
  /** The application that created it; null for a webhook a user made in the channel's settings. */
  applicationId: string | null;
  deleted: boolean;
}

/** A file the stand-in holds: one the bot uploaded with a message, or one a test attached to a slash command. */
export interface StoredFile {
  id: string;
  filename: string;
  contentType: string | null;
  data: Buffer;
}

export interface CommandRecord {
  data: APIApplicationCommand;
  /** null for global commands. */
  guildId: string | null;
}

export type ViolationKind =
  | 'invalid-body'
  | 'unknown-route'
  | 'unauthorized'
  | 'rate-limit-exceeded'
  | 'late-interaction-response'
  | 'duplicate-interaction-response'
  | 'wrong-interaction-response'
  | 'unanswered-interaction'
  | 'unknown-message'
  | 'expired-webhook-token'
  | 'gateway'
  | 'identify-rate-limit'
  | 'stand-in-error';

export interface Violation {
  kind: ViolationKind;
  detail: string;
  method?: string;
  path?: string;
  body?: unknown;
  /** Milliseconds since the stand-in started. */
  at: number;
}

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, with `%40original` decoded. */
  path: string;
  /** The matched route template, e.g. `POST /channels/:channelId/messages`; null when no route matched. */
  route: string | null;
  query: Record<string, string>;
  body: unknown;
  status: number;
  responseBody: unknown;
  /** Milliseconds since the stand-in started, when the request arrived. */
  at: number;
  durationMs: number;
  /** Set when the response came from `failNext` rather than the stand-in's own logic. */
  injected: boolean;
}

/** Why a message body could (or would) notify someone; see mentions.ts. */
export interface MentionCheck {
  method: string;
  path: string;
  at: number;
  /** Whether `allowed_mentions` leaves any kind of ping possible, whatever the content says. */
  couldPing: boolean;
  /** Which mentions in this content would actually notify (`@everyone`, `<@id>`, `<@&id>`, the replied-to user). */
  pings: string[];
  allowedMentions: unknown;
}
