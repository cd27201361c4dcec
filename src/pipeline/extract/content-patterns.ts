// Class/id and text patterns that tell article text from page furniture. The first group follows Mozilla
// Readability (Apache-2.0), whose content-scoring approach the main-text finder reimplements on our lighter tree;
// the rest are additions for furniture that Readability keeps (share bars, newsletter boxes, "Read more" links).
import type { HtmlElement } from './html-tree.js';

export const unlikelyCandidates =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
export const okMaybeItsACandidate = /and|article|body|column|content|main|shadow/i;
export const positiveClass = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
export const negativeClass =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
export const bylineClass = /byline|author|dateline|writtenby|p-author/i;
export const shareElements = /(\b|_)(share|sharedaddy)(\b|_)/i;
export const allowedVideo =
  /\/\/(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;
export const commas = /\u002C|\u060C|\uFE50|\uFE10|\uFE11|\u2E41|\u2E34|\u2E32|\uFF0C/g;
export const adWords = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;
export const loadingWords = /^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;
export const unlikelyRoles = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/** Elements that start a new block of text (everything else flows inline). */
export const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'caption', 'legend', 'frameset', 'noframes', 'iframe', 'img', 'picture', 'video', 'audio',
]);

/** Children that stop a `div` from being read as a paragraph (Readability's DIV_TO_P_ELEMS). */
export const divToPBlockers = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);

export const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function classAndId(el: HtmlElement): string {
  const cls = el.attrs.class;
  const id = el.attrs.id;
  return cls ? (id ? `${cls} ${id}` : cls) : (id ?? '');
}

// Utility-CSS classes that contain "hidden" without hiding anything (`overflow-hidden`, `md:hidden` on a wide
// layout); Readability's negative pattern would otherwise weigh a Tailwind article body down.
// Read token by token: as one regex over the attribute (`\S*overflow\S*-hidden`), a 10 KB class of "overflowoverflow…"
// backtracked for 40 s.
function isUtilityHidden(token: string): boolean {
  const overflow = token.indexOf('overflow');
  return (overflow >= 0 && /-hidden\b/.test(token.slice(overflow + 8))) || /.:hidden\b/.test(token);
}

/** Readability's class weight: ±25 for the class and for the id. */
export function classWeight(el: HtmlElement): number {
  let weight = 0;
  const cls = el.attrs.class?.split(/\s+/).filter((token) => !isUtilityHidden(token)).join(' ');
  if (cls) {
    if (negativeClass.test(cls)) weight -= 25;
    if (positiveClass.test(cls)) weight += 25;
  }
  const id = el.attrs.id;
  if (id) {
    if (negativeClass.test(id)) weight -= 25;
    if (positiveClass.test(id)) weight += 25;
  }
  return weight;
}

export function isProbablyHidden(el: HtmlElement): boolean {
  const style = el.attrs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  if (el.attrs.hidden !== undefined) return true;
  // Lazy-loaded images hide their fallback from assistive tech but show it to readers.
  if (el.attrs['aria-hidden'] === 'true' && !/fallback-image/.test(el.attrs.class ?? '')) return true;
  return false;
}
