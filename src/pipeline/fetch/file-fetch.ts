// `file:` sources: a self-hoster's local feed files, and fixtures in tests. Same cap and charset rules as HTTP; the
// file's modification time plays the part of Last-Modified so unchanged files cost no parsing.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FetchOptions, FetchResult } from '../types.js';
import { decodeText } from './charset.js';
import { mediaTypeFromExtension, sniffMediaType } from './content-type.js';
import { tooLargeError } from './body.js';
import { FetchError } from './errors.js';

export async function fetchFile(url: URL, options: FetchOptions, maxBytes: number): Promise<FetchResult> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    throw new FetchError('bad-url', 'A file: address must name a file on this machine (file:///path/to/feed.xml).');
  }
  const requestedUrl = url.href;
  const fetchedAt = new Date();
  let handle;
  try {
    // Without blocking: opening a named pipe no one writes to waited for ever, holding one of libuv's four threads,
    // and four such sources stalled every DNS lookup and decompression of the bot. Refused as not a file below.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new FetchError('file-unreadable', `${path} is not a file.`);
    if (stats.size > maxBytes) throw tooLargeError(maxBytes);
    const lastModified = stats.mtime.toUTCString();
    if (options.lastModified && options.lastModified === lastModified) {
      const contentType = mediaTypeFromExtension(path);
      return { requestedUrl, url: requestedUrl, status: 304, notModified: true, contentType, body: '', lastModified, fetchedAt };
    }
    // Read one byte past the cap: a file that grew since stat() must still be caught.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) throw tooLargeError(maxBytes);
    const decoded = decodeText(buffer.subarray(0, bytesRead));
    const contentType = mediaTypeFromExtension(path) || sniffMediaType(decoded.text);
    return {
      requestedUrl,
      url: requestedUrl,
      status: 200,
      notModified: false,
      contentType,
      body: decoded.text,
      lastModified,
      fetchedAt,
    };
  } catch (error) {
    throw error instanceof FetchError ? error : fileError(path, error);
  } finally {
    await handle.close();
  }
}

function fileError(path: string, error: unknown): FetchError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return new FetchError('file-unreadable', `The file ${path} does not exist.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') {
    return new FetchError('file-unreadable', `The bot may not read ${path}.`, { cause: error });
  }
  if (code === 'EISDIR') return new FetchError('file-unreadable', `${path} is not a file.`, { cause: error });
  return new FetchError('file-unreadable', `The file ${path} could not be read.`, { cause: error });
}
