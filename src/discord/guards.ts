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

/**
 * A button that answers by rewriting its own message (a list's page, a review decision). The router says so before
 * anything runs, the guard included: a safety-net defer during a slow guard then keeps that message, where a private
 * "thinking…" reply would have taken the rewrite instead and left the message, and its live buttons, as they were.
 */
export interface Updating<F> {
  updatesMessage: true;
  run: F | Guarded<F>;
}

export const updatesMessage = <F>(entry: F | Guarded<F>): Updating<F> => ({ updatesMessage: true, run: entry });

/** A table entry as the router uses it: its guard (if any), whether it rewrites its message, and its function. */
export function entryOf<F>(entry: F | Guarded<F> | Updating<F> | undefined): { guard?: Guard; updatesMessage?: true; run: F } | undefined {
  if (entry === undefined) return undefined;
  if (typeof entry === 'object' && entry !== null && 'updatesMessage' in entry) return { ...entryOf((entry as Updating<F>).run)!, updatesMessage: true };
  if (typeof entry === 'object' && entry !== null && 'run' in entry && 'guard' in entry) return entry as Guarded<F>;
  return { run: entry as F };
}
