// Private feeds may carry a user name and password in their address (basic auth, src/pipeline/fetch/url-guard.ts).
// The address is stored as typed, for fetching; everywhere it is shown in Discord or searched by members it goes
// without them.

/** The address without user name and password, as it may be shown in source lists, autocomplete, alerts and exports. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
  }
}

/**
 * The address as members may see it: without user name, password, query or fragment. Private feeds carry their key
 * in the query as often as in the user name (`?token=…`); moderators, who manage the source, see it whole.
 */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(shownUrl(url));
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return shownUrl(url).replace(/[?#].*$/s, '');
  }
}
