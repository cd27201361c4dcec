// Checks on a URL before any socket is opened: scheme, host names that need no lookup to refuse, and IP literals
// (net skips the lookup for those, so the connect-time guard would never see them).
import { isIP } from 'node:net';
import { classifyHostName, describeBlockReason, type AddressPolicy } from './address-policy.js';
import { FetchError } from './errors.js';
import { blockedAddressError } from './guarded-lookup.js';

export function parseFetchUrl(input: string): URL {
  try {
    return new URL(input.trim());
  } catch {
    // The input is not echoed: it may hold credentials.
    throw new FetchError('bad-url', 'That is not a valid web address.');
  }
}

/** The host as net sees it: IPv6 literals without their brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export interface HopRules {
  policy: AddressPolicy;
  /** When false, names like `localhost` are refused without a lookup. Metadata names are refused always. */
  allowPrivateNames: boolean;
}

/** Throws unless `url` may be requested over HTTP(S) under `rules`. */
export function checkHttpUrl(url: URL, rules: HopRules): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('unsupported-scheme', `Only http and https addresses can be fetched, not ${url.protocol}.`);
  }
  const host = bareHost(url);
  if (!host) throw new FetchError('bad-url', 'That web address has no host name.');
  if (isIP(host)) {
    const blocked = blockedAddressError(host, host, rules.policy);
    if (blocked) throw blocked;
    return;
  }
  const reason = classifyHostName(host);
  if (reason && (reason === 'metadata' || !rules.allowPrivateNames)) {
    throw new FetchError('blocked-address', `Refused: ${host} names ${describeBlockReason(reason)}.`);
  }
}

/** The URL without user name and password: what may appear in results, logs and messages. */
export function redactUrl(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** An Authorization header for credentials written into the URL (private feeds behind basic auth). */
export function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = percentDecoded(url.username);
  const password = percentDecoded(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * A URL part with its %XX escapes decoded, and a `%` that starts none kept as written: the URL parser keeps
 * "50%off" in a password as is, and decodeURIComponent threw on it (URIError), failing the fetch as Gazette's fault.
 */
function percentDecoded(part: string): string {
  return part.replace(/(?:%[0-9a-f]{2})+/giu, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      // Escapes of no UTF-8 text (a lone byte of a character): kept as written.
      return escapes;
    }
  });
}

/** Redirect loops are judged on what is sent: the URL without its fragment. */
export function loopKey(url: URL): string {
  const copy = new URL(redactUrl(url));
  copy.hash = '';
  return copy.href;
}
