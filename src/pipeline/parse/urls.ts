// URL judgement for listing pages: which links on a page are the site's own articles, not its navigation.
import { sameSite } from '../hosts.js';

/** The longest address Gazette follows: what sitemaps allow and browsers have long kept to. */
export const maxUrlLength = 2048;

/**
 * An absolute http(s) URL for `href` relative to `base`, or undefined for mailto:, javascript:, file:, junk.
 *
 * Every link found inside a fetched document (feed item links, listing links, announced feeds, images) goes through
 * here, and such a link is never a `file:` one: a feed must not make the bot read its host's files, and even an
 * error about one would tell whether it exists. A relative link in a local file resolves to `file:` and is dropped
 * too. Only an address a moderator typed (resolve-source.ts, the ingest CLI) may be `file:`. An address longer than
 * maxUrlLength is dropped too: no article has one, the database cannot index it (an article's address is unique), and
 * its cleaning costs grow with it.
 */
export function resolveUrl(href: string | undefined | null, base: string | undefined): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  if (!h || h.length > maxUrlLength || /^(?:javascript|mailto|tel|data|about|sms|whatsapp):/i.test(h)) return undefined;
  try {
    const url = base ? new URL(h, base) : new URL(h);
    if (!isWebUrl(url)) return undefined;
    const resolved = url.toString();
    return resolved.length > maxUrlLength ? undefined : resolved;
  } catch {
    return undefined;
  }
}

/** True for http: and https: URLs, the only kind a document may lead the bot to. */
export function isWebUrl(url: string | URL): boolean {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  return u.protocol === 'http:' || u.protocol === 'https:';
}

/** The URL without its `#fragment`. */
export function withoutFragment(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

export { sameSite };

// Segments that name an index of articles or a utility page, never one article.
const indexSegments = new Set([
  'tag', 'tags', 'topic', 'topics', 'category', 'categories', 'section', 'sections', 'author', 'authors', 'writer', 'writers',
  'page', 'search', 'login', 'log-in', 'signin', 'sign-in', 'logout', 'register', 'signup', 'sign-up', 'subscribe',
  'subscription', 'subscriptions', 'account', 'profile', 'members', 'member', 'user', 'users', 'about', 'about-us', 'contact',
  'contact-us', 'privacy', 'privacy-policy', 'terms', 'terms-of-use', 'terms-of-service', 'cookies', 'cookie-policy', 'careers',
  'jobs', 'advertise', 'advertising', 'newsletter', 'newsletters', 'feed', 'feeds', 'rss', 'help', 'faq', 'sitemap', 'archive',
  'archives', 'shop', 'store', 'cart', 'wp-login.php', 'wp-admin', 'cdn-cgi', 'share', 'print', 'comments', 'forum', 'forums',
]);
const fileExtension = /\.(?:jpe?g|png|gif|webp|svg|ico|bmp|avif|pdf|zip|gz|rar|7z|mp3|mp4|m4a|ogg|webm|mov|avi|css|js|json|xml|rss|atom|txt|csv|docx?|xlsx?|pptx?|exe|dmg|apk)$/i;

/** True when `url` looks like one article of the site serving `pageUrl`. */
export function looksLikeArticleUrl(url: string, pageUrl: string): boolean {
  if (!sameSite(url, pageUrl) || withoutFragment(url) === withoutFragment(pageUrl)) return false;
  return looksLikeArticlePath(url);
}

/** True when the URL's path or query names one article (a slug, an id, a date), not an index or utility page. */
export function looksLikeArticlePath(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const path = decodeSafe(u.pathname);
  if (fileExtension.test(path)) return false;
  const segments = path.split('/').filter(Boolean);
  if (segments.some((s) => indexSegments.has(s.toLowerCase()))) return false;
  const last = (segments[segments.length - 1] ?? '').replace(/\.(?:s?html?|php|aspx?|jsp|cms)$/i, '');
  if (/[?&](?:p|id|idx|article|articleid|story|storyid|newsid|nid|aid|no|t)=\d+/i.test(u.search)) return true;
  if (segments.length === 0) return false;
  const words = last.split(/[-_+]|%20/).filter((w) => w.length > 0);
  // A slug of several words, a long numeric id, or a date in the path are how CMSs name articles.
  if (words.length >= 3) return true;
  if (/\d{5,}/.test(path)) return true;
  if (/\/(?:19|20)\d{2}\/[01]?\d\//.test(path) && last.length > 0) return true;
  // Non-Latin slugs ("/новости/азербайджан-и-россия") count like Latin ones; long single tokens from CJK sites too.
  if (/[^\p{ASCII}]/u.test(last) && last.length >= 12) return true;
  return false;
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Anchor text long enough to be a headline rather than "More", "Politics" or a date. */
export function looksLikeHeadline(text: string): boolean {
  const t = text.trim();
  if (t.length > 300) return false;
  // Scripts written without spaces between words.
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/.test(t)) return t.length >= 8;
  return t.length >= 12 && t.split(/\s+/).length >= 3;
}
