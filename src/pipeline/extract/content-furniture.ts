// Page furniture that Readability keeps inside the article element: captions and photo credits, bylines and
// timestamps, share bars, "Read more"/related-story boxes, newsletter and app promos. Two kinds of evidence:
// class/id words on an element (removed when it is a small part of the article, so a mislabelled article body
// survives), and the wording of a whole paragraph.
import type { HtmlElement } from './html-tree.js';
import type { Paragraph } from './content-text.js';
import { hostOf, siteOfHost } from '../hosts.js';

// Whole words of a class or id (split on spaces, `-`, `_` and camelCase humps).
const furnitureWords = new Set([
  'caption', 'captions', 'credit', 'credits', 'byline', 'bylines', 'author', 'authors', 'dateline', 'timestamp',
  'date', 'dates', 'pubdate', 'published', 'updated', 'share', 'shares', 'sharing', 'social', 'related', 'recommended',
  'recommendations', 'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup', 'promo', 'promotion', 'teaser',
  'teasers', 'rail', 'trending', 'popular', 'tags', 'tag', 'breadcrumb', 'breadcrumbs', 'comments', 'comment', 'disqus',
  'outbrain', 'taboola', 'ad', 'ads', 'advert', 'advertisement', 'sponsored', 'sidebar', 'widget', 'toolbar', 'tools',
  'nav', 'navigation', 'menu', 'pagination', 'pager', 'footer', 'copyright', 'gallery', 'slideshow', 'photo', 'photos', 'image', 'images', 'img', 'picture', 'pic',
  'bio', 'contributor', 'headline', 'kicker', 'eyebrow', 'standfirst', 'dek', 'subtitle', 'subheadline', 'video', 'player',
  'readmore', 'print', 'meta', 'header', 'masthead', 'cta', 'paywall', 'rollover', 'tooltip',
  'popover', 'hovercard', 'popup', 'modal', 'cookie', 'cookies', 'consent', 'gdpr', 'banner',
]);

function classWords(el: HtmlElement): string[] {
  const raw = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
  if (raw.length < 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_\-:.]+/)
    .filter(Boolean);
}

// Text only screen readers get. (A bare "hidden" class is not furniture: utility CSS such as `overflow-hidden` or
// `hidden md:block` is everywhere, and truly hidden elements carry a style or attribute that is checked earlier.)
const screenReaderOnly = /(^|\s)(sr-only|visually-hidden|visuallyhidden|screen-reader-text|screenreader-only|a11y-hidden|offscreen)(\s|$)/i;

export function hasFurnitureClass(el: HtmlElement): boolean {
  if (el.attrs.class && screenReaderOnly.test(el.attrs.class)) return true;
  for (const word of classWords(el)) if (furnitureWords.has(word)) return true;
  const itemprop = el.attrs.itemprop;
  if (itemprop && /\b(author|datePublished|dateModified|caption|publisher)\b/.test(itemprop)) return true;
  return false;
}

/** Furniture by tag: the caption of a figure. */
export function isFurnitureTag(el: HtmlElement): boolean {
  return el.tag === 'figcaption';
}

// Elements that flow inside a sentence: a class word on one (a player's name linked as `player-link`) is a guess
// about styling, and dropping it would change what the sentence says.
const inlineTags = new Set(['a', 'span', 'em', 'strong', 'b', 'i', 'u', 'abbr', 'cite', 'q', 'mark', 'small', 'sub', 'sup', 'time', 'data', 'var', 'bdi', 'bdo']);
const hasWords = (node: HtmlElement['children'][number] | undefined) => typeof node === 'string' && /[\p{L}\p{N}]/u.test(node);

/**
 * True when `parent.children[index]` is an inline element with words of the same sentence right before or after
 * it. Every class-name rule (unlikely candidates, bylines, share widgets, furniture) spares such an element.
 */
export function insideSentence(parent: HtmlElement, index: number): boolean {
  const el = parent.children[index];
  if (typeof el === 'string' || !el || !inlineTags.has(el.tag)) return false;
  return hasWords(parent.children[index - 1]) || hasWords(parent.children[index + 1]);
}

// What comes right before a byline's name: "By ", "Von ", "Reporting by ", "Author: ".
const bylineLead = /(?:^|[^\p{L}])(?:by|von|par|por|door|av|af|di|przez|от)\s*$|:\s*$/iu;

/**
 * True when `parent.children[index]` is an inline element in the middle of a sentence: words on both sides, and
 * not just a byline's "By" before it ("Coach <span class="author-name">Ivan Petrov</span> said…" is not a byline;
 * "By <span class="author-name">Jane Doe</span> | July 10" is).
 */
export function midSentence(parent: HtmlElement, index: number): boolean {
  if (!insideSentence(parent, index)) return false;
  const before = parent.children[index - 1];
  return hasWords(before) && hasWords(parent.children[index + 1]) && !bylineLead.test(before as string);
}

// Posts quoted from social networks are part of the story (the benchmark's annotators keep them too), even inside
// a wrapper whose class says "social".
const embeddedPost = /twitter-tweet|instagram-media|tiktok-embed|fb-post|bluesky-embed|threads-post|reddit-card|mastodon-embed/i;

export function isEmbeddedPost(el: HtmlElement): boolean {
  return embeddedPost.test(el.attrs.class ?? '');
}

// Words of a class or id that mark text kept on the page but not told by the writer: an embed (a quoted post, a
// video's blurb) or a picture's caption ("imageCaption", Daily Mail's "art-insert"). The text keeps them, as the
// benchmark's annotators do; a summary must not quote them as the story.
const asideWords = new Set(['embed', 'embedded', 'caption', 'captions', 'insert', 'credit', 'credits']);

function isAsideElement(el: HtmlElement): boolean {
  if (el.tag === 'figcaption' || isEmbeddedPost(el)) return true;
  return classWords(el).some((word) => asideWords.has(word));
}

/** True when `el` or an element around it is an embed or a caption (see asideWords). */
export function withinAside(el: HtmlElement): boolean {
  for (let node: HtmlElement | null = el; node; node = node.parent) if (isAsideElement(node)) return true;
  return false;
}

export function holdsEmbeddedPost(el: HtmlElement): boolean {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.tag === 'blockquote' && isEmbeddedPost(child)) return true;
    if (holdsEmbeddedPost(child)) return true;
  }
  return false;
}

const promoLine = new RegExp(
  [
    String.raw`^(advertisement|advertising|sponsored( content)?|ad)$`,
    String.raw`^(continue|keep) reading\b`,
    String.raw`^(story|article) continues below\b`,
    String.raw`^scroll (down )?to continue\b`,
    String.raw`^(read|see|watch|click|tap) (more|also|next|here)\b`,
    String.raw`^(also read|read also|also see|see also|related|more|most read|most popular|trending|don'?t miss|recommended|you (may|might) (also )?like|more from|more on this)\b[^.!?]{0,60}$`,
    String.raw`^(more|also) on [\w.-]+\.\w+\b`,
    String.raw`^(like|liked|enjoyed|loved) this (story|article|post)\b`,
    String.raw`^share (this|on|via)\b`,
    String.raw`^(follow|like) us\b`,
    String.raw`^(sign up|subscribe)\b`,
    String.raw`\b(sign up|subscribe|get)\b.{0,60}\bnewsletters?\b`,
    String.raw`\bnewsletters?\b.{0,60}\b(sign up|subscribe|inbox)\b`,
    String.raw`\bdownload (the|our) .{0,20}app\b`,
    String.raw`^(app[- ]?store|google play|play[- ]?store|get it on google play)`,
    String.raw`\b(we|this (site|website)) uses? cookies\b`,
    String.raw`\bby clicking here\b`,
    String.raw`^click here\b`,
    String.raw`\bfor more (stories|news|articles|updates|coverage)\b[^.!?]{0,40}[.!]?$`,
    String.raw`\b(contains?|includes?) (affiliate|referral|sponsored)\b.{0,30}\blinks?\b`,
    String.raw`^.{0,40}\b(posted|published|publicado|publicada|publié|publiée|veröffentlicht|pubblicato)\b.{0,20}\b(by|por|par|von|da)\b`,
    String.raw`^(image|photo|picture|slide) \d+ (of|/) \d+$`,
    String.raw`^(caption|close|open|expand|collapse|menu|search|sign in|log ?in|register|subscribe|share|print|email|comments?|tweet|back|back to top|top|next|previous|voltar|volver|retour|zurück|назад|indietro)$`,
    String.raw`^(©|\(c\)|copyright\b)`,
    String.raw`\ball rights reserved\b`,
    String.raw`^(photo|image|picture|credit|source|illustration)s?\s*:`,
    String.raw`\((image|photo|picture|credit|pic)s?\s*:[^)]*\)$`,
  ].join('|'),
  'i',
);

const dateWords =
  /\b(published|updated|posted|last (updated|modified)|modified|on|at|by|am|pm|a\.m|p\.m|gmt|utc|est|edt|cst|cdt|pst|pdt|bst|cet|cest|ist|\d+|\d+(st|nd|rd|th)|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(rs(day)?)?|fri(day)?|sat(urday)?|sun(day)?|ago|hours?|minutes?|mins?|days?|today|yesterday)\b/gi;

/** "Updated 5:27 am CST, Wednesday, November 20, 2019" — a line that is nothing but a timestamp. */
function isDateLine(text: string): boolean {
  if (text.length > 120 || !/\d/.test(text)) return false;
  const rest = text.replace(dateWords, ' ').replace(/[\s,.:;|/·•–—()-]+/g, '');
  return rest.length <= 3;
}

/** A line that is only an e-mail address, a handle or a bare URL (an author's contact line). */
function isContactLine(text: string): boolean {
  return /^(\S+@\S+\.\w+|@\w+|(https?:\/\/|www\.)\S+|[\w.-]+\.(com|org|net|co\.uk)\/\S*)$/i.test(text.trim());
}

// A caption written as a paragraph ends with its photo credit: "… in Hialeah, Fla. (AP Photo/Alan Diaz, File)".
const creditedCaption = /\((?:[\p{Lu}]{2,8}\s*)?(?:photo|image|picture|foto)s?\b[^()]{0,80}\)$|^(?:photo|image|picture)s? (?:by|courtesy of)\s/iu;

function isFurnitureParagraph(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length <= 400 && creditedCaption.test(trimmed)) return true;
  if (trimmed.length > 200) return false;
  return promoLine.test(trimmed) || isDateLine(trimmed) || isContactLine(trimmed);
}

const relatedHeading =
  /^(related( stories| articles| coverage| content| posts| links| news)?|more (stories|news|from .{1,40}|on .{1,40}|like this)|most (read|popular|viewed|shared)|trending( now)?|recommended( for you)?|(you|we think you) (may|might|will) (also )?(like|enjoy)|read (next|more)|further reading|see also|also read|read also|don'?t miss|popular (stories|now)|top stories|latest (news|stories))\b[^.!?]{0,20}[.…:]*$/i;

/** A headline in a list of links: short, and no sentence ending inside it. */
function isHeadlineLike(text: string): boolean {
  return text.length < 160 && !/[.!?]["'”’)]?\s+\S/.test(text);
}

const headingTag = /^h[1-6]$/;

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A headline: a few words, no sentence punctuation at all. */
function isHeadline(text: string): boolean {
  return text.length < 160 && !/[.!?;]["'”’)]?(\s|$)/.test(text);
}

/** A relative link, or one to `site` (a registrable domain such as `foxnews.com`, as `siteOfHost` gives it). */
function isInternal(href: string, site: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return true;
  // A protocol-relative `//host/path` needs a scheme before it reads as a URL.
  const host = hostOf(href.startsWith('//') ? `https:${href}` : href);
  return host !== '' && site !== '' && siteOfHost(host) === site;
}

/** A short paragraph that is nearly all link text: a headline pointing elsewhere, a breadcrumb, a tag. */
function isLinkLine(p: Paragraph): boolean {
  return p.text.length < 200 && p.linkChars >= p.text.length * 0.7;
}

/**
 * Drops furniture lines; headings, link lines and the title repeated before the first paragraph of body text
 * (title, deck, kicker, breadcrumbs); a "Related"/"You may also like" line with the run of headlines that follows
 * it; and a run of two or more link lines closing the text (a list of other stories).
 */
export function dropFurnitureParagraphs(paragraphs: Paragraph[], title: string, site: string): Paragraph[] {
  const out: Paragraph[] = [];
  const titleKey = comparable(title);
  let bodyStarted = false;
  for (let i = 0; i < paragraphs.length; i++) {
    let p = paragraphs[i]!;
    if (isFurnitureParagraph(p.text)) continue;
    if (p.text.includes('\n')) {
      // A `<br>` can glue a "Published by … | Tags" line onto the first paragraph.
      const lines = p.text.split('\n').filter((line) => !isFurnitureParagraph(line));
      if (!lines.length) continue;
      p = { ...p, text: lines.join('\n') };
    }
    const heading = headingTag.test(p.element.tag);
    if (!bodyStarted && (heading || isLinkLine(p) || (titleKey && comparable(p.text) === titleKey))) continue;
    // A paragraph that is one link to this site and reads as a headline points to another story ("TAYLOR SWIFT
    // CLEARED TO…"); links to shops or sources are content.
    const oneLink = p.linkChars >= p.text.length * 0.9 && !headingTag.test(p.element.tag);
    if (oneLink && isHeadline(p.text) && p.links.every((href) => isInternal(href, site))) continue;
    if (relatedHeading.test(p.text.trim())) {
      let j = i + 1;
      while (j < paragraphs.length && isHeadlineLike(paragraphs[j]!.text)) j++;
      // Only a heading followed by headlines up to the end (or to more furniture) is a related-links block.
      if (j > i + 1 && (j === paragraphs.length || isFurnitureParagraph(paragraphs[j]!.text))) {
        i = j - 1;
        continue;
      }
    }
    bodyStarted = true;
    out.push(p);
  }
  let end = out.length;
  while (end > 0 && isLinkLine(out[end - 1]!)) end--;
  return out.length - end >= 2 ? out.slice(0, end) : out;
}
