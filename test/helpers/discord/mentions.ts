// Would this message notify anyone? Discord resolves mentions in `content` (never in embeds) subject to
// `allowed_mentions`; with no `allowed_mentions` at all every mention pings and a reply pings its author.
// A bot posting third-party text (news titles, summaries) must send `allowed_mentions: { parse: [] }` on every
// message, so "could ping" is judged from the policy alone, whatever this particular content happens to say.

interface AllowedMentions {
  parse?: string[] | null;
  users?: string[] | null;
  roles?: string[] | null;
  replied_user?: boolean | null;
}

export interface MentionVerdict {
  couldPing: boolean;
  pings: string[];
  /** The ids Discord would list in the message's `mentions`, `mention_roles`, and `mention_everyone`. */
  users: string[];
  roles: string[];
  everyone: boolean;
}

function asAllowed(value: unknown): AllowedMentions | null {
  return value && typeof value === 'object' ? (value as AllowedMentions) : null;
}

/**
 * What the author may notify whatever allowed_mentions says (Discord checks it against the sender's permissions): a
 * role that is not mentionable, and @everyone / @here, only with Mention Everyone in the channel (a webhook may
 * mention any role). Absent: everything.
 */
export interface MentionRights {
  role(id: string): boolean;
  everyone: boolean;
}

export function judgeMentions(body: Record<string, unknown>, repliedAuthorId: string | null, rights?: MentionRights): MentionVerdict {
  const allowed = asAllowed(body.allowed_mentions);
  const parse = allowed?.parse ?? [];
  const allowsUsers = (id: string): boolean => !allowed || parse.includes('users') || (allowed.users ?? []).includes(id);
  const allowsRoles = (id: string): boolean => (!allowed || parse.includes('roles') || (allowed.roles ?? []).includes(id)) && (rights?.role(id) ?? true);
  const allowsEveryone = (!allowed || parse.includes('everyone')) && (rights?.everyone ?? true);
  const pingsReply = repliedAuthorId !== null && (!allowed || allowed.replied_user === true);

  const couldPing =
    !allowed ||
    parse.length > 0 ||
    (allowed.users ?? []).length > 0 ||
    (allowed.roles ?? []).length > 0 ||
    allowed.replied_user === true;

  const content = typeof body.content === 'string' ? body.content : '';
  const users = [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? ''))].filter(allowsUsers);
  const roles = [...new Set([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? ''))].filter(allowsRoles);
  const everyone = allowsEveryone && /@(everyone|here)\b/.test(content);
  const pings = [
    ...users.map((id) => `<@${id}>`),
    ...roles.map((id) => `<@&${id}>`),
    ...(everyone ? ['@everyone'] : []),
    ...(pingsReply ? [`reply:<@${repliedAuthorId}>`] : []),
  ];
  return { couldPing, pings, users, roles, everyone };
}
