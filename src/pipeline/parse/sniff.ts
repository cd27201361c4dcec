// What a body is, judged by its content first: servers send feeds as text/html, pages as application/xml and
// plain text as application/octet-stream. The Content-Type only breaks ties.

export type DocumentShape = 'xml-feed' | 'json-feed' | 'opml' | 'html' | 'xml' | 'json' | 'text' | 'empty';

export interface Sniffed {
  shape: DocumentShape;
  /** The body from where the document starts (BOM and leading junk such as PHP warnings removed). */
  body: string;
  /** Parsed JSON, when the body is JSON. */
  json?: unknown;
}

const feedRoots = new Set(['rss', 'feed', 'rdf']);

export function sniffDocument(rawBody: string, contentType: string): Sniffed {
  const body = rawBody.replace(/^\ufeff/, '');
  const trimmed = body.trimStart();
  if (!trimmed) return { shape: 'empty', body: '' };
  const type = contentType.toLowerCase();

  if (trimmed.startsWith('{') || (trimmed.startsWith('[') && type.includes('json'))) {
    const json = tryJson(trimmed);
    if (json !== undefined) return { shape: isJsonFeed(json) ? 'json-feed' : 'json', body: trimmed, json };
  }

  // Some servers print warnings before the XML declaration; find where the markup starts.
  const lt = trimmed.indexOf('<');
  if (lt > 0 && lt < 2048 && /<\?xml|<(?:\w+:)?(?:rss|feed|rdf)\b/i.test(trimmed.slice(lt, lt + 512)) && !type.startsWith('text/plain')) {
    return sniffMarkup(trimmed.slice(lt), type);
  }
  if (lt === 0) return sniffMarkup(trimmed, type);

  if (type === 'text/html' || type === 'application/xhtml+xml') {
    if (/<(?:html|body|head|div|p|article|main|a)\b/i.test(trimmed.slice(0, 4096))) return { shape: 'html', body: trimmed };
  }
  return { shape: 'text', body: body.trim() };
}

function sniffMarkup(body: string, type: string): Sniffed {
  const root = rootElement(body);
  if (root && feedRoots.has(root)) return { shape: 'xml-feed', body };
  if (root === 'opml') return { shape: 'opml', body };
  if (root === undefined && /^<\?xml/i.test(body)) return { shape: 'xml', body };
  if (root === 'html' || root === undefined) return { shape: 'html', body };
  // A fragment of HTML (`<div>…`) or an XML dialect we do not read.
  if (/^<\?xml/i.test(body) || (type.includes('xml') && !type.includes('html'))) return { shape: 'xml', body };
  return { shape: 'html', body };
}

/** The local name of the first element after the prolog (declaration, comments, doctype, processing instructions). */
export function rootElement(body: string): string | undefined {
  let i = 0;
  const n = Math.min(body.length, 65536);
  while (i < n) {
    const lt = body.indexOf('<', i);
    if (lt === -1 || lt >= n) return undefined;
    if (body.startsWith('<?', lt)) {
      i = endOf(body, '?>', lt);
    } else if (body.startsWith('<!--', lt)) {
      i = endOf(body, '-->', lt);
    } else if (body.startsWith('<!', lt)) {
      i = endOf(body, '>', lt);
    } else {
      const m = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?/.exec(body.slice(lt, lt + 100));
      if (!m) return undefined;
      return (m[2] ?? m[1]!).toLowerCase();
    }
    if (i === -1) return undefined;
  }
  return undefined;
}

function endOf(body: string, marker: string, from: number): number {
  const j = body.indexOf(marker, from + 2);
  return j === -1 ? -1 : j + marker.length;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isJsonFeed(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  if (typeof o.version === 'string' && /jsonfeed\.org\/version/i.test(o.version)) return true;
  // Feeds that forgot `version` still have the shape.
  return Array.isArray(o.items) && typeof o.title === 'string' && ('home_page_url' in o || 'feed_url' in o);
}
