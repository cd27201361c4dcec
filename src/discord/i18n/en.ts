// Gazette's own replies in English: the reference catalog. Every other locale is a Partial<Catalog> checked against
// it (same ids, same parameters), and English answers whatever a locale lacks. A message is a string, or a function
// of typed parameters when it carries values (counts, references, settings).
import { plural } from '../reply.js';

export const en = {
  'error.generic': (p: { reference: string }) =>
    `Something went wrong on Gazette's side, sorry. It has been logged; if it keeps happening, tell a moderator (reference ${p.reference}).`,
  'error.restarting': 'Gazette is restarting, try again in a minute.',
  'error.guildOnly': 'Gazette works inside servers, not in direct messages.',
  'guard.moderator': 'Only moderators can do that: members with Manage Server, or the role set with `/config moderator-role`.',
  'guard.manageServer': 'Only members with the Manage Server permission can do that.',
  'component.stale': 'That button no longer works (it belongs to an older version of Gazette or of this message). Try `/news story`.',

  'follow.list.heading': (p: { count: number }) => `You follow ${plural(p.count, 'thing', 'things')} in this server:`,
  'follow.list.empty': 'You follow nothing in this server yet. `/follow add` a country, a region, a tag or a keyword to get a direct message when stories about it arrive.',
  'follow.list.alerts': (p: { settings: string }) => `Alerts: ${p.settings}.`,
  'follow.list.disabled': 'Moderators have turned personal alerts off in this server: nothing is sent for it until they turn them on.',
  'follow.settings.line': (p: { batchMinutes: number; quietStart: string | null; quietEnd: string | null; timezone: string }) =>
    `at most one direct message every ${plural(p.batchMinutes, 'minute', 'minutes')}, ${p.quietStart && p.quietEnd ? `quiet from ${p.quietStart} to ${p.quietEnd}` : 'no quiet hours'} (${p.timezone})`,
  'follow.dmClosed':
    'Gazette could not send you a direct message last time: your DMs were closed to it. It will try again now; allow direct messages from this server’s members (Privacy Settings) to get alerts.',
} satisfies Record<string, string | ((params: never) => string)>;
