// Who may use an entry point, declared beside its handler in the handler tables and enforced by the router before
// the handler runs (so a new moderator command cannot forget its check, and one test walks every guarded entry).
export type Guard = 'moderator' | 'manageServer';

export interface Guarded<F> {
  guard: Guard;
  run: F;
}

/** Moderators only: Manage Server, or the role set with /config moderator-role. */
export const moderator = <F>(run: F): Guarded<F> => ({ guard: 'moderator', run });

/** Manage Server only (who may hand moderation on). */
export const manageServer = <F>(run: F): Guarded<F> => ({ guard: 'manageServer', run });

/** A table entry as the router uses it: its guard (if any) and its function. */
export function entryOf<F>(entry: F | Guarded<F> | undefined): { guard?: Guard; run: F } | undefined {
  if (entry === undefined) return undefined;
  if (typeof entry === 'object' && entry !== null && 'run' in entry && 'guard' in entry) return entry as Guarded<F>;
  return { run: entry as F };
}
