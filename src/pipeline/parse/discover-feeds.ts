// Feeds a page announces (`<link rel="alternate" type="application/rss+xml">`), links that point at feeds, and the
// conventional paths CMSs serve feeds at, flagged as guesses for the caller to try. Tag scanning instead of a DOM:
// this runs on every page a moderator adds, and only `<link>`/`<a>` tags matter.
import { decodeEntities } from './text.js';
import type { DiscoveredFeed } from './parse-types.js';
import { resolveUrl, sameSite } from './urls.js';
import { withoutControlCharacters } from '../../text/control-characters.js';

const feedTypes: Record<string, string> = {
  'application/rss+xml': 'application/rss+xml',
  'application/atom+xml': 'application/atom+xml',
  'application/rdf+xml': 'application/rdf+xml',
  'application/feed+json': 'application/feed+json',
  'application/json': 'application/feed+json',
  'application/x-rss+xml': 'application/rss+xml',
  'application/x-atom+xml': 'application/atom+xml',
  'text/xml': 'application/rss+xml',
  'application/xml': 'application/rss+xml',
};

/** Paths WordPress, Ghost, Hugo, Jekyll, Blogger and most news CMSs serve their main feed at. */
export const conventionalFeedPaths = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml'];

/**
 * The `<name …>` tags of a page, each up to its first `>`. Found by searching for the next `>` once per tag: the
 * regex `/<a\b[^>]*>/g` scanned to the end of the page for every unclosed `<a ` (120 KB of them took 4 s).
 */
function* tagsNamed(html: string, name: string): Generator<string> {
  const start = new RegExp(`<${name}\\b`, 'gi');
  for (let m = start.exec(html); m; m = start.exec(html)) {
    const end = html.indexOf('>', m.index);
    if (end === -1) return; // nothing after this closes a tag: the rest is text
    yield html.slice(m.index, end + 1);
    start.lastIndex = end + 1;
  }
}
const attribute = /([a-zA-Z_:][-\w:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export function discoverFeeds(html: string, baseUrl: string): DiscoveredFeed[] {
  const base = resolveUrl(attributesOf(tagsNamed(html, 'base').next().value ?? '').href, baseUrl) ?? baseUrl;
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  const add = (feed: DiscoveredFeed): void => {
    if (seen.has(feed.url)) return;
    seen.add(feed.url);
    found.push(feed);
  };

  for (const tag of tagsNamed(html, 'link')) {
    const a = attributesOf(tag);
    const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
    const type = feedTypes[(a.type ?? '').toLowerCase().split(';')[0]!.trim()];
    if (!rels.includes('alternate') || !type) continue;
    // `application/json` alternates are often oEmbed or API documents; only take them when named like a feed.
    if (a.type?.toLowerCase() === 'application/json' && !/feed/i.test(`${a.href ?? ''} ${a.title ?? ''}`)) continue;
    if (/oembed/i.test(a.href ?? '')) continue;
    const url = resolveUrl(a.href, base);
    // The title may name the source when its feed has none: stored, so without control characters (parse-source.ts).
    if (url) add({ url, title: withoutControlCharacters(a.title ?? '').trim() || undefined, type, guess: false });
  }

  // Links in the page ("RSS", feed icons) to feed-looking URLs on the same site: likely feeds, still unverified.
  for (const tag of tagsNamed(html, 'a')) {
    const a = attributesOf(tag);
    const url = resolveUrl(a.href, base);
    if (!url || !sameSite(url, baseUrl)) continue;
    const path = new URL(url).pathname.toLowerCase();
    const type = /atom/.test(path) ? 'application/atom+xml' : /\.json$|feed\.json/.test(path) ? 'application/feed+json' : 'application/rss+xml';
    if (/(?:^|\/)(?:feed|rss|atom)(?:\/|\.xml|\.rss|\.json)?$|\.(?:rss|atom)$|\/(?:rss|feed|atom)\.(?:xml|php)$|\/(?:rss|feeds?|atom)\/[^/]+\.(?:xml|rss|atom)$/.test(path)) {
      add({ url, type, guess: true, linked: true });
    }
  }

  for (const path of conventionalFeedPaths) {
    const url = resolveUrl(path, baseUrl);
    if (url) add({ url, type: path.includes('atom') ? 'application/atom+xml' : 'application/rss+xml', guess: true });
  }
  return found;
}

function attributesOf(tag: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const inner = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(attribute)) {
    const name = m[1]!.toLowerCase();
    if (name in out) continue;
    const value = m[2] ?? m[3] ?? m[4];
    out[name] = value === undefined ? '' : decodeEntities(value);
  }
  return out;
}
