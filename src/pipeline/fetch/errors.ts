// Fetch failures carry a machine code (for the scheduler: back off, pause, give up) and a message in plain words,
// because the message is stored as the source's health and shown to moderators as is.
import { STATUS_CODES } from 'node:http';
import { MAX_BACKOFF_MS } from './backoff.js';

export type FetchErrorCode =
  | 'bad-url'
  | 'unsupported-scheme'
  | 'file-not-allowed'
  | 'file-unreadable'
  | 'blocked-address'
  | 'dns'
  | 'connection'
  | 'tls'
  | 'timeout'
  | 'aborted'
  // The fetcher was closed (the bot stopping) while the fetch ran: nothing is known of the source.
  | 'stopped'
  | 'too-large'
  | 'too-many-encodings'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'unsupported-content'
  | 'decoding';

export interface FetchErrorDetails {
  /** HTTP status for `http-status` errors. */
  status?: number | undefined;
  /** Milliseconds the server asked us to wait (Retry-After on a 429 or 503). */
  retryAfter?: number | undefined;
  /** The address that answered, after redirects, for `http-status` errors: whose site asked to wait. */
  url?: string | undefined;
  cause?: unknown;
}

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly status: number | undefined;
  readonly retryAfter: number | undefined;
  readonly url: string | undefined;

  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.code = code;
    this.status = details.status;
    this.retryAfter = details.retryAfter;
    this.url = details.url;
  }
}

export function isFetchError(error: unknown): error is FetchError {
  return error instanceof FetchError;
}

/** "5 MB", "64 KB", "1.5 MB": sizes as a moderator reads them. */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${trimNumber(bytes / mb)} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** "20 s", "0.3 s". */
export function formatSeconds(ms: number): string {
  return `${trimNumber(ms / 1000)} s`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`, at most the longest backoff: a
 * server asking for ten years would park the feed silently, and one asking for more than a Date holds made the next
 * fetch time invalid, so the failure was never recorded. A number too large to read is ignored.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_BACKOFF_MS, Math.max(0, ms));
}

export function httpStatusError(status: number, retryAfterHeader?: string, url?: string): FetchError {
  const reason = STATUS_CODES[status];
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(retryAfterHeader) : undefined;
  const wait = retryAfter === undefined ? '' : ` It asks to wait ${formatSeconds(retryAfter)} before trying again.`;
  return new FetchError('http-status', `The server answered ${status}${reason ? ` ${reason}` : ''}.${wait}`, {
    status,
    retryAfter,
    url,
  });
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Walks an error and its causes, for errors that undici wraps (a lookup error surfaces inside a SocketError). */
function* causes(error: unknown): Generator<ErrorLike> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    yield current as ErrorLike;
    current = (current as ErrorLike).cause;
  }
}

/**
 * Turns what undici, `net` or `tls` threw into a FetchError. `host` is the bare host name, never a URL, so
 * credentials in a URL cannot reach a message.
 */
export function networkError(error: unknown, host: string, connectTimeoutMs: number): FetchError {
  for (const e of causes(error)) {
    if (e instanceof FetchError) return e;
  }
  for (const e of causes(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    switch (code) {
      case 'ENOTFOUND':
      case 'ENODATA':
      case 'EAI_NONAME':
        return new FetchError('dns', `The name ${host} could not be found (DNS).`, { cause: error });
      case 'EAI_AGAIN':
      case 'ESERVFAIL':
      case 'ETIMEOUT':
        return new FetchError('dns', `Looking up ${host} failed for now (DNS); it may work later.`, { cause: error });
      case 'UND_ERR_CONNECT_TIMEOUT':
        return new FetchError('timeout', `Could not connect to ${host} within ${formatSeconds(connectTimeoutMs)}.`, {
          cause: error,
        });
      case 'ECONNREFUSED':
        return new FetchError('connection', `${host} refused the connection.`, { cause: error });
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_SOCKET':
      case 'UND_ERR_CLOSED':
        return new FetchError('connection', `The connection to ${host} was closed unexpectedly.`, { cause: error });
      case 'UND_ERR_HEADERS_OVERFLOW':
        // Not the connection's fault, and not passing: the server sends them every time.
        return new FetchError('too-large', `${host} sent response headers larger than Gazette reads (16 KB).`, { cause: error });
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return new FetchError('connection', `${host} cannot be reached from here.`, { cause: error });
      default:
        if (code.startsWith('ERR_TLS_') || code.includes('CERT') || code.startsWith('ERR_SSL_')) {
          return new FetchError('tls', `The secure connection to ${host} failed: ${tlsReason(code)}.`, {
            cause: error,
          });
        }
    }
  }
  return new FetchError('connection', `The connection to ${host} failed.`, { cause: error });
}

function tlsReason(code: string): string {
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'its certificate is for another name';
  if (code.includes('SELF_SIGNED')) return 'its certificate is self-signed';
  if (code.includes('UNABLE_TO_VERIFY') || code.includes('ISSUER')) return 'its certificate cannot be verified';
  return `the handshake failed (${code})`;
}
