import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { AddressPolicy } from './address-policy.js';
import type { DnsLookup } from './guarded-lookup.js';

export const DEFAULT_USER_AGENT = 'Gazette/0.1 (+https://github.com/gazette-news/gazette)';

// Feeds first, then pages; */* last so a server that knows only one type still answers.
export const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.8, application/xhtml+xml;q=0.8, ' +
  'text/plain;q=0.5, */*;q=0.3';

export interface FetcherOptions {
  /** Overrides the Gazette User-Agent. */
  userAgent?: string | undefined;
  /** Whole fetch, redirects and body included (starts once the host's queue lets the request through). */
  timeoutMs: number;
  /** Until the TCP (and TLS) connection is up, DNS included. */
  connectTimeoutMs: number;
  /** Cap on the body, on the wire and after decompression. */
  maxBytes: number;
  /** Redirects followed before giving up; 0 refuses any redirect. */
  maxRedirects: number;
  /** Requests at a time per host name. */
  perHost: number;
  /** Lifts the loopback/private/link-local/reserved checks (cloud metadata addresses stay refused). */
  allowPrivateNetworks: boolean;
  /** Allows `file:` URLs (local files), for self-hosters and tests. */
  allowFileUrls: boolean;
  logger?: Logger | undefined;
  /** Name resolution; tests map invented names to addresses. Default: the system resolver, all addresses. */
  dnsLookup?: DnsLookup | undefined;
  /**
   * Replaces the address rules (and `allowPrivateNetworks`): returns why an address is refused, or null. Meant for
   * tests that need one loopback address allowed and another refused.
   */
  addressPolicy?: AddressPolicy | undefined;
}

export function fetcherOptionsFromConfig(
  config: Pick<
    Config,
    | 'FETCH_TIMEOUT_MS'
    | 'FETCH_CONNECT_TIMEOUT_MS'
    | 'FETCH_MAX_BYTES'
    | 'FETCH_MAX_REDIRECTS'
    | 'FETCH_PER_HOST'
    | 'ALLOW_PRIVATE_NETWORKS'
    | 'ALLOW_FILE_SOURCES'
  >,
  logger?: Logger,
): FetcherOptions {
  return {
    timeoutMs: config.FETCH_TIMEOUT_MS,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    perHost: config.FETCH_PER_HOST,
    allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
    allowFileUrls: config.ALLOW_FILE_SOURCES,
    logger,
  };
}
