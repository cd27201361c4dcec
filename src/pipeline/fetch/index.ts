export { createFetcher, type ClosableFetcher } from './fetcher.js';
export {
  DEFAULT_ACCEPT,
  DEFAULT_USER_AGENT,
  fetcherOptionsFromConfig,
  type FetcherOptions,
} from './options.js';
export { FetchError, isFetchError, type FetchErrorCode } from './errors.js';
export { backoffDelayMs, MAX_BACKOFF_MS } from './backoff.js';
export { classifyAddress, type AddressPolicy, type BlockReason } from './address-policy.js';
export { decodeText, normalizeCharset } from './charset.js';
export type { DnsLookup } from './guarded-lookup.js';
