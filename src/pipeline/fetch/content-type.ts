// Media types: from the Content-Type header, from a file's extension, or sniffed from the first bytes when a server
// sends none (or the useless application/octet-stream).
import { extname } from 'node:path';

export interface ParsedContentType {
  /** Lower case, without parameters; '' when the header is missing or unreadable. */
  mediaType: string;
  /** The raw charset parameter, unquoted; undefined when absent. */
  charset: string | undefined;
}

export function parseContentType(header: string | undefined): ParsedContentType {
  if (!header) return { mediaType: '', charset: undefined };
  const [type = '', ...params] = header.split(';');
  const mediaType = /^[\w.+-]+\/[\w.+-]+$/.test(type.trim()) ? type.trim().toLowerCase() : '';
  let charset: string | undefined;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";]*)"?\s*$/i.exec(param);
    if (match?.[1]) charset = match[1].trim();
  }
  return { mediaType, charset };
}

const EXTENSION_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/json',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.txt': 'text/plain',
};

/** Media type for a local file by its extension, or '' when the extension says nothing. */
export function mediaTypeFromExtension(path: string): string {
  return EXTENSION_TYPES[extname(path).toLowerCase()] ?? '';
}

/** A media type guessed from the start of a decoded document. */
export function sniffMediaType(text: string): string {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<feed') || head.startsWith('<rdf')) {
    if (/<rss[\s>]/.test(head)) return 'application/rss+xml';
    if (/<feed[\s>]/.test(head)) return 'application/atom+xml';
    if (/<rdf:rdf[\s>]/.test(head)) return 'application/rdf+xml';
    if (/<html[\s>]/.test(head)) return 'application/xhtml+xml';
    return 'application/xml';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|meta|title)[\s>]/.test(head)) {
    return 'text/html';
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'application/json';
  return 'text/plain';
}

/** True when a header's type needs sniffing: missing, or a generic binary type servers use by mistake for feeds. */
export function needsSniffing(mediaType: string): boolean {
  return mediaType === '' || mediaType === 'application/octet-stream' || mediaType === 'binary/octet-stream';
}

/** Types that are surely not a page or a feed: decoding them as text would only feed garbage to the parser. */
export function isBinaryMediaType(mediaType: string): boolean {
  return (
    /^(image|audio|video|font)\//.test(mediaType) ||
    /^application\/(pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|vnd\.rar|wasm|x-shockwave-flash)$/.test(mediaType) ||
    /^application\/(msword|vnd\.ms-|vnd\.openxmlformats)/.test(mediaType)
  );
}
