// Every custom_id Gazette writes on a button or a modal, and the one reader of them: a kind, then its fields, joined
// by ':' (`vote:12:4`). Any client can send any custom_id (an old post, a tampered client), so reading one checks
// every field and fails as a UserError in words; handlers get typed values, never strings to parse.
import { maxId } from '../../commands/shared-options.js';
import { UserError } from '../errors.js';
import { english } from './i18n/index.js';
import { LocalizedUserError } from './i18n/localized-error.js';

export type CustomId =
  | { kind: 'vote'; storyId: number; value: number }
  | { kind: 'tag'; storyId: number }
  | { kind: 'discuss'; storyId: number }
  | { kind: 'review'; action: 'approve' | 'reject'; submissionId: number }
  | { kind: 'page'; listId: string; page: number }
  | { kind: 'tagmodal'; storyId: number }
  /** Under an alert DM (src/discord/alerts): stop following what matched. */
  | { kind: 'unfollow'; followId: number };

export type CustomIdKind = CustomId['kind'];
export type CustomIdOf<K extends CustomIdKind> = Extract<CustomId, { kind: K }>;

/** The custom_id of a button or modal (at most 100 characters: every field here is short). */
export function customId(id: CustomId): string {
  switch (id.kind) {
    case 'vote':
      return `vote:${id.storyId}:${id.value}`;
    case 'review':
      return `review:${id.action}:${id.submissionId}`;
    case 'page':
      return `page:${id.listId}:${id.page}`;
    case 'unfollow':
      return `unfollow:${id.followId}`;
    default:
      return `${id.kind}:${id.storyId}`;
  }
}

/** The disabled "Page 2 of 5" counter between Previous and Next: never clicked, but its custom_id must differ. */
export const pageCounterId = (listId: string) => `page:${listId}:at`;

export const staleComponent = english('component.stale');

/** The refusal for a button or modal Gazette no longer understands, answered in the member's locale. */
export const staleComponentError = () => new LocalizedUserError('stale', 'component.stale');

/** A positive int4 (what the database holds), or a UserError. */
function idField(raw: string | undefined, broken: string): number {
  const id = Number(raw);
  if (!raw || !Number.isSafeInteger(id) || id < 1 || id > maxId) throw new UserError('stale', broken);
  return id;
}

const story = (raw: string | undefined) => idField(raw, 'That button is broken (no story number). Try `/news story`.');

/** Reads a custom_id sent by a client; anything Gazette did not write is refused in words. */
export function parseCustomId(raw: string): CustomId {
  const [kind, a, b, ...rest] = raw.split(':');
  if (rest.length) throw staleComponentError();
  switch (kind) {
    case 'vote': {
      const value = Number(b);
      if (!Number.isInteger(value) || value < 1 || value > 5) throw new UserError('stale', 'That vote button is broken. Try `/news story`.');
      return { kind, storyId: story(a), value };
    }
    case 'tag':
    case 'discuss':
    case 'tagmodal':
      if (b !== undefined) throw staleComponentError();
      return { kind, storyId: story(a) };
    case 'review':
      if (a !== 'approve' && a !== 'reject') throw staleComponentError();
      return { kind, action: a, submissionId: idField(b, 'That button is broken (no submission number).') };
    case 'unfollow':
      if (b !== undefined) throw staleComponentError();
      return { kind, followId: idField(a, 'That button is broken (no follow number). `/follow remove` stops following something.') };
    case 'page': {
      const page = Number(b);
      if (!a || !/^[\w-]{1,16}$/.test(a) || !Number.isInteger(page) || page < 0) throw new UserError('stale', 'That button is broken. Run the command again.');
      return { kind, listId: a, page };
    }
    default:
      throw staleComponentError();
  }
}
