// Reads a response body into memory under a size cap that holds both on the wire and after decompression, so a
// small gzip or brotli bomb cannot inflate into gigabytes: decoding is streamed and stops at the first byte over.
// A server may list only a few encodings (each is a decoder, and thousands of them cost minutes of CPU), and the
// fetch's deadline reaches the decoders too, so a body that decodes slowly ends as a timeout.
import { Readable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError, formatBytes } from './errors.js';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Content encodings undone at most; real servers send one (rarely two). */
export const MAX_CONTENT_ENCODINGS = 2;

type Stage = Duplex | ((source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>);

// Servers cut gzip streams short more often than one would think; browsers show what arrived, and so do we.
const zlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const brotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; the first byte tells which
 * (a zlib header's low nibble is 8, the deflate method).
 */
function inflateEither(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  return (async function* () {
    const iterator = source[Symbol.asyncIterator]();
    const first = await iterator.next();
    if (first.done) return;
    const raw = ((first.value[0] ?? 0) & 0x0f) !== 0x08;
    const inflater = raw ? zlib.createInflateRaw(zlibOptions) : zlib.createInflate(zlibOptions);
    const input = Readable.from(
      (async function* () {
        yield first.value;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      })(),
    );
    input.on('error', (error) => inflater.destroy(error));
    try {
      yield* input.pipe(inflater) as AsyncIterable<Buffer>;
    } finally {
      input.destroy();
    }
  })();
}

function decoderFor(encoding: string): Stage {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(zlibOptions);
    case 'deflate':
      return inflateEither;
    case 'br':
      return zlib.createBrotliDecompress(brotliOptions);
    default:
      throw new FetchError('decoding', `The server used a compression this bot cannot read (${encoding}).`);
  }
}

export function tooManyEncodingsError(count: number): FetchError {
  return new FetchError(
    'too-many-encodings',
    `The server sent too many content encodings (${count}); at most ${MAX_CONTENT_ENCODINGS} are undone.`,
  );
}

/** Content-Encoding values in the order they must be undone. */
export function contentEncodings(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity')
    .reverse();
}

export function tooLargeError(maxBytes: number, decompressed = false): FetchError {
  return new FetchError(
    'too-large',
    `The page is larger than ${formatBytes(maxBytes)}${decompressed ? ' once decompressed' : ''}.`,
  );
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI') || code === 'ERR__ERROR');
}

/**
 * Reads `body` fully, undoing `contentEncoding`, and fails with `too-large` once more than `maxBytes` arrive or
 * decode, with `too-many-encodings` when the header lists more than MAX_CONTENT_ENCODINGS. `signal` (the fetch's
 * deadline) stops reading and decoding alike; the abort reason is rethrown for the caller to word. Network errors
 * from `body` are rethrown as they are, for the caller to word.
 */
export async function readBody(
  body: AsyncIterable<Buffer>,
  contentEncoding: string | undefined,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const encodings = contentEncodings(contentEncoding);
  if (encodings.length > MAX_CONTENT_ENCODINGS) throw tooManyEncodingsError(encodings.length);
  signal?.throwIfAborted();
  const stages = encodings.map(decoderFor);
  // The first limit hit is what happened; tearing the stages down afterwards makes them throw AbortErrors and
  // premature-close errors that pipeline() may report instead.
  let failure: FetchError | undefined;
  const fail = (error: FetchError): FetchError => (failure ??= error);
  let received = 0;
  const counted = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > maxBytes) throw fail(tooLargeError(maxBytes));
      yield chunk;
    }
  };
  const chunks: Buffer[] = [];
  let decoded = 0;
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      signal?.throwIfAborted();
      decoded += chunk.length;
      if (decoded > maxBytes) throw fail(tooLargeError(maxBytes, encodings.length > 0));
      chunks.push(chunk);
    }
  };
  try {
    const streams = [body, counted, ...stages, collect] as unknown as [AsyncIterable<Buffer>, Stage];
    await (signal ? pipeline(...streams, { signal }) : pipeline(...streams));
  } catch (error) {
    if (failure) throw failure;
    if (error instanceof FetchError) throw error;
    if (signal?.aborted) throw signal.reason;
    if (isZlibError(error)) {
      throw new FetchError('decoding', `The server sent a ${encodings.join('+')} body that could not be decoded.`, {
        cause: error,
      });
    }
    throw error;
  }
  return Buffer.concat(chunks, decoded);
}
