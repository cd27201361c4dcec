// The fetch stage: one undici Agent per fetcher whose sockets are opened through the guarded lookup, redirects
// followed by hand so every hop is checked again, and a per-host queue shared by all calls of one fetcher.
import { Agent, request } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { FetchOptions, FetchResult, Fetcher } from '../types.js';
import { classifyAddress, metadataOnlyPolicy } from './address-policy.js';
import { ACCEPT_ENCODING, readBody, tooLargeError } from './body.js';
import { decodeText } from './charset.js';
import { isBinaryMediaType, needsSniffing, parseContentType, sniffMediaType } from './content-type.js';
import { FetchError, formatSeconds, httpStatusError, networkError } from './errors.js';
import { fetchFile } from './file-fetch.js';
import { guardedLookup, systemDnsLookup } from './guarded-lookup.js';
import { createHostQueue } from './host-queue.js';
import { DEFAULT_ACCEPT, DEFAULT_USER_AGENT, type FetcherOptions } from './options.js';
import { bareHost, basicAuthorization, checkHttpUrl, loopKey, parseFetchUrl, redactUrl, type HopRules } from './url-guard.js';

/**
 * A Fetcher that also owns sockets: `close()` cuts off the fetches in flight and ends its connections (shutdown,
 * tests). The stop has already let jobs finish for a while; a download waited for here could take FETCH_TIMEOUT_MS
 * (up to 5 minutes), past a container's stop timeout.
 */
export type ClosableFetcher = Fetcher & { close(): Promise<void> };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Abandons a response body. undici 6 reports a destroyed body as an 'error' event, which with no listener would be an
 * uncaught exception — a crash of the whole bot over one oversized page.
 */
function abandon(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** A connection reset or closed before the response began (undici's socket errors, ECONNRESET, EPIPE). */
function closedBeforeAnswer(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED';
}

/** Lets a response's unread body go without keeping more than a little of it. */
async function discard(body: { dump(options?: { limit: number }): Promise<void> }): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(() => undefined);
}

export function createFetcher(options: FetcherOptions): ClosableFetcher {
  const policy = options.addressPolicy ?? (options.allowPrivateNetworks ? metadataOnlyPolicy : classifyAddress);
  const rules: HopRules = { policy, allowPrivateNames: options.allowPrivateNetworks };
  const agentFor = (hopPolicy: typeof policy): Agent =>
    new Agent({
      connect: { timeout: options.connectTimeoutMs, lookup: guardedLookup(options.dnsLookup ?? systemDnsLookup, hopPolicy) },
      // The fetch's own deadline governs; these only must not fire first.
      headersTimeout: options.timeoutMs + 1_000,
      bodyTimeout: options.timeoutMs + 1_000,
    });
  const agent = agentFor(policy);
  // Members' links on a bot that lifts the private-address rules for its sources: a second agent, since the rules
  // are checked when a connection opens and a pooled connection to an intranet host must not serve a member's link.
  const lifted = options.allowPrivateNetworks && !options.addressPolicy;
  let strict: { rules: HopRules; agent: Agent } | undefined;
  const hopsFor = (fetchOptions: FetchOptions): { rules: HopRules; agent: Agent } => {
    if (!fetchOptions.publicOnly || !lifted) return { rules, agent };
    strict ??= { rules: { policy: classifyAddress, allowPrivateNames: false }, agent: agentFor(classifyAddress) };
    return strict;
  };
  const queue = createHostQueue(options.perHost);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const log = options.logger;
  // Each fetch in flight, by the function that cuts it off, for close(). Not one signal for the fetcher that each
  // fetch's joins (AbortSignal.any): on Node 20 a signal keeps every signal made from it, so one living as long as the
  // process grew by an entry a fetch, for good.
  const inFlight = new Set<() => void>();
  let closed = false;

  async function fetchHttp(start: URL, fetchOptions: FetchOptions): Promise<FetchResult> {
    const requestedUrl = redactUrl(start);
    const fetchedAt = new Date();
    const hops = hopsFor(fetchOptions);
    // One controller for the deadline, the caller's cancel and the fetcher's close; the first to abort says why.
    const controller = new AbortController();
    const signal = controller.signal;
    let abortedBy: 'timeout' | 'caller' | 'close' | undefined;
    const abort = (by: 'timeout' | 'caller' | 'close'): void => {
      abortedBy ??= by;
      controller.abort(new Error(by));
    };
    const cancel = (): void => abort('caller');
    const cutOff = (): void => abort('close');
    inFlight.add(cutOff);
    fetchOptions.signal?.addEventListener('abort', cancel, { once: true });
    if (fetchOptions.signal?.aborted) cancel();
    if (closed) cutOff();
    let timer: NodeJS.Timeout | undefined;
    const startClock = (): void => {
      timer ??= setTimeout(() => abort('timeout'), options.timeoutMs);
    };

    // Once headers arrived, a deadline that fires is the body's (or its decoding's) fault, not a silent server's.
    let readingBody = false;
    let url = start;
    let authorization = basicAuthorization(start);
    const seen = [loopKey(start)];
    // Only an unbroken run of permanent redirects from the start says the address itself moved; a temporary one
    // after it says nothing more about where it lives.
    let movedTo: URL | undefined;
    let permanent = true;
    try {
      for (let redirects = 0; ; ) {
        checkHttpUrl(url, hops.rules);
        const host = bareHost(url);
        const release = await queue.acquire(host, signal);
        startClock();
        try {
          const target = new URL(redactUrl(url));
          target.hash = '';
          const send = () =>
            request(target, {
              dispatcher: hops.agent,
              method: 'GET',
              signal,
              headers: {
                'user-agent': userAgent,
                accept: DEFAULT_ACCEPT,
                'accept-encoding': ACCEPT_ENCODING,
                ...(fetchOptions.etag ? { 'if-none-match': fetchOptions.etag } : {}),
                ...(fetchOptions.lastModified ? { 'if-modified-since': fetchOptions.lastModified } : {}),
                ...(authorization ? { authorization } : {}),
              },
            });
          // A kept-alive connection the server closed just as this request went out on it is closed before any answer:
          // a GET is sent once more, on a new connection, as browsers do (else a feed's poll failed now and then).
          const response = await send()
            .catch((error: unknown) => (closedBeforeAnswer(error) && !signal.aborted ? send() : Promise.reject(error)))
            .catch((error: unknown) => {
              throw networkError(error, host, options.connectTimeoutMs);
            });
          const status = response.statusCode;
          const headers = response.headers;
          const location = header(headers, 'location');

          if (REDIRECT_STATUSES.has(status) && location) {
            await discard(response.body);
            let next: URL;
            try {
              next = new URL(location, url);
            } catch {
              throw new FetchError('bad-url', `${host} redirected to an address that is not valid.`);
            }
            if (next.protocol !== 'http:' && next.protocol !== 'https:') {
              // Never let a remote server point us at local files, whatever allowFileUrls says.
              throw new FetchError(
                'unsupported-scheme',
                `${host} redirected to a ${next.protocol} address; only http and https are followed.`,
              );
            }
            const key = loopKey(next);
            if (seen.includes(key)) {
              throw new FetchError('redirect-loop', `${host} redirects in a loop (back to ${redactUrl(next)}).`);
            }
            redirects++;
            if (redirects > options.maxRedirects) {
              throw new FetchError(
                'too-many-redirects',
                options.maxRedirects === 0
                  ? 'The address redirects, and redirects are turned off.'
                  : `Gave up after ${options.maxRedirects} redirects.`,
              );
            }
            seen.push(key);
            // Credentials go only where the URL that carried them goes; another origin gets its own or none.
            authorization = basicAuthorization(next) ?? (next.origin === url.origin ? authorization : undefined);
            permanent &&= status === 301 || status === 308;
            if (permanent) movedTo = next;
            url = next;
            continue;
          }

          const etag = header(headers, 'etag');
          const lastModified = header(headers, 'last-modified');
          const { mediaType, charset } = parseContentType(header(headers, 'content-type'));
          const finalUrl = redactUrl(url);
          const moved = movedTo && { movedTo: redactUrl(movedTo) };

          if (status === 304) {
            await discard(response.body);
            return {
              requestedUrl,
              url: finalUrl,
              status: 304,
              notModified: true,
              contentType: mediaType,
              body: '',
              etag: etag ?? fetchOptions.etag,
              lastModified: lastModified ?? fetchOptions.lastModified,
              fetchedAt,
              ...moved,
            };
          }
          if (status < 200 || status >= 300) {
            await discard(response.body);
            throw httpStatusError(status, header(headers, 'retry-after'), finalUrl);
          }
          if (isBinaryMediaType(mediaType)) {
            await discard(response.body);
            throw new FetchError('unsupported-content', `The address serves ${mediaType}, not a page or a feed.`);
          }
          const declaredLength = Number(header(headers, 'content-length'));
          if (Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
            abandon(response.body);
            throw tooLargeError(options.maxBytes);
          }
          readingBody = true;
          const bytes = await readBody(response.body, header(headers, 'content-encoding'), options.maxBytes, signal).catch(
            (error: unknown) => {
              abandon(response.body);
              throw error instanceof FetchError ? error : networkError(error, host, options.connectTimeoutMs);
            },
          );
          const decoded = decodeText(bytes, charset);
          const contentType = needsSniffing(mediaType) ? sniffMediaType(decoded.text) : mediaType;
          log?.debug({ url: finalUrl, status, redirects, bytes: bytes.length, charset: decoded.charset }, 'fetched');
          const body = decoded.text;
          return { requestedUrl, url: finalUrl, status, notModified: false, contentType, body, etag, lastModified, fetchedAt, ...moved };
        } finally {
          release();
        }
      }
    } catch (error) {
      // Once the deadline, the caller or the close aborted, whatever undici threw is a consequence; say what happened.
      let failure: FetchError;
      if (error instanceof FetchError && error.code === 'http-status') {
        // The server answered (a 503 with its Retry-After): what it said stands, though the deadline fired while its
        // body was let go. Taken for silence, its wait was lost and the failure read as a slow site.
        failure = error;
      } else if (abortedBy === 'timeout') {
        const message = readingBody
          ? `The page was too slow: it did not arrive and unpack within ${formatSeconds(options.timeoutMs)}.`
          : `No answer within ${formatSeconds(options.timeoutMs)}.`;
        failure = new FetchError('timeout', message, { cause: error });
      } else if (abortedBy === 'caller') {
        failure = new FetchError('aborted', 'The fetch was cancelled.', { cause: error });
      } else if (abortedBy === 'close') {
        failure = new FetchError('stopped', 'The fetch was cut off: Gazette is stopping.', { cause: error });
      } else {
        failure = error instanceof FetchError ? error : networkError(error, bareHost(url), options.connectTimeoutMs);
      }
      log?.debug({ url: redactUrl(url), code: failure.code, status: failure.status }, `fetch failed: ${failure.message}`);
      throw failure;
    } finally {
      clearTimeout(timer);
      inFlight.delete(cutOff);
      fetchOptions.signal?.removeEventListener('abort', cancel);
    }
  }

  const fetcher = async (input: string, fetchOptions: FetchOptions = {}): Promise<FetchResult> => {
    const url = parseFetchUrl(input);
    if (url.protocol === 'file:') {
      if (!options.allowFileUrls || fetchOptions.publicOnly) {
        throw new FetchError('file-not-allowed', 'Local files (file: addresses) are not allowed on this bot.');
      }
      return fetchFile(url, fetchOptions, options.maxBytes);
    }
    return fetchHttp(url, fetchOptions);
  };
  return Object.assign(fetcher, {
    close: async () => {
      closed = true;
      for (const cutOff of inFlight) cutOff();
      await Promise.all([agent.destroy(), strict?.agent.destroy()]);
    },
  });
}
