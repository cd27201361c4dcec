// Pages that hold no article: empty shells, error pages, login and cookie-consent walls and index pages (lists of
// headlines). The tests are deliberately conservative: a short real article must still get through.
import { proseLength } from '../../text/unspaced.js';
import { consentPageReason, isConsentNotice, readsAsConsentNotice } from './consent-notice.js';
import { textOf, walk, type ParsedPage } from './html-tree.js';
import type { JsonLdArticle } from './json-ld.js';
import type { MetaLookup } from './metadata.js';
import type { Paragraph } from './content-text.js';

export interface PageReading {
  page: ParsedPage;
  meta: MetaLookup;
  ld: JsonLdArticle | undefined;
  title: string;
  paragraphs: Paragraph[];
  text: string;
}

const errorTitle =
  /\b(404|410|page not found|not found|page (does not|doesn'?t) exist|no longer available|error \d{3}|access denied|forbidden|service unavailable|something went wrong|(can'?t|cannot|could ?n'?t) find (that|this|the) page|seite nicht gefunden|page introuvable|página no encontrada|страница не найдена)\b/i;
// Forum engines' own wording too (phpBB, vBulletin, SMF, XenForo): a followed thread behind a login, or deleted.
const loginWall =
  /\b((sign|log) ?in to (continue|read|view)|subscribe (now )?to (continue|read|keep reading)|please (log|sign) ?in|for subscribers only|subscribers only|this (content|article) is (only )?(available )?(for|to) (subscribers|members)|already a subscriber|create (a free|an) account to (continue|read)|requires you to be registered and logged in|you are not logged in|must be logged[- ]in|you do not have permission to (view|access|read)|not authori[sz]ed to (view|read|access))\b/i;
const goneText =
  /\b(appears to be either missing or off limits|(page|topic|thread) you (are|were) looking for (could not be found|does not exist|doesn'?t exist|is no longer available)|doesn'?t exist or is private|the requested (thread|topic|page) could not be found|this (topic|thread) (has been|was) (deleted|removed))\b/i;

/**
 * Why a short page is an error, login or cookie-consent page, by its title or the wording of its text (`gone`: also a
 * forum engine's "missing or deleted" wording; `instead`: what a consent page stands in for; `pageText`: the whole
 * page's, when `text` is the extractor's reading of it); undefined when nothing says so.
 */
function errorOrWallReason(title: string, text: string, letters: number, gone = false, instead?: string, pageText?: () => string): string | undefined {
  if (letters < 1500 && (errorTitle.test(title) || (gone && goneText.test(text)))) return 'it is an error page';
  if (letters < 1200 && loginWall.test(text)) return 'the text is behind a login or paywall';
  // A notice in no consent manager's markup ("Before you continue … We use cookies … Accept all"), read as the text.
  // The extractor may keep one paragraph of it, with two of a notice's phrases, as a short story about consent banners
  // has too ("accept all cookies with one click … reject all"), which was refused: the whole page must read as a
  // notice then, with more of them.
  if (letters < 1500 && readsAsConsentNotice(text) && (!pageText || readsAsConsentNotice(pageText(), 3))) return consentPageReason(instead);
  return undefined;
}

/**
 * errorOrWallReason for pages read without the extractor (a thread's prose, a listing), on their first 5,000
 * characters; `instead`: what the page should have shown (its posts, its articles).
 */
export function unavailablePageReason(title: string, text: string, instead?: string): string | undefined {
  return errorOrWallReason(title, text.slice(0, 5000), letterCount(text), true, instead);
}

/** Whether the page holds a consent manager's notice (or one named and worded so) anywhere. */
function hasConsentNotice(page: ParsedPage): boolean {
  let found = false;
  walk(page.root, (el) => {
    if (found) return false;
    if (isConsentNotice(el.tag, el.attrs.id ?? '', el.attrs.class ?? '', () => textOf(el))) found = true;
    return !found;
  });
  return found;
}

/**
 * Letters in the text in Latin-letter equivalents, counted up to `cap` (every threshold below is smaller): vowel
 * signs count as the letters they are (Hindi, Khmer), a Chinese or Japanese character as three.
 */
function letterCount(text: string, cap = 2000): number {
  return Math.min(proseLength(text.slice(0, cap * 3).replace(/[^\p{L}\p{M}]+/gu, '')), cap);
}

function isSentenceParagraph(p: Paragraph): boolean {
  return p.text.length >= 150 && /[.!?。！？…]["'”’»)]?(\s|$)/.test(p.text);
}

/** A linked headline: short, mostly link text. */
function isLinkedHeadline(p: Paragraph): boolean {
  return p.text.length < 200 && p.linkChars >= p.text.length * 0.6;
}

/** Links whose text reads like a headline (a few words to a sentence), anywhere in the page. */
function headlineLinks(page: ParsedPage): number {
  let count = 0;
  walk(page.root, (el) => {
    if (el.tag !== 'a') return;
    const length = textOf(el).length;
    if (length >= 25 && length <= 200) count++;
    return false;
  });
  return count;
}

/** Why the page is not an article, in plain words; undefined when it is one. */
export function notAnArticleReason(reading: PageReading): string | undefined {
  const { text, title, paragraphs, ld, meta } = reading;
  const letters = letterCount(text);
  if (letters < 80) {
    // No text but a consent notice (the extractor sets it aside): the site showed that instead of the article.
    if (hasConsentNotice(reading.page)) return consentPageReason();
    return headlineLinks(reading.page) >= 8 ? 'it is a list of links, such as an index page' : 'no main text found';
  }
  const unavailable = errorOrWallReason(title, text, letters, false, undefined, () => textOf(reading.page.root).slice(0, 20_000));
  if (unavailable) return unavailable;
  const declaredArticle = ld?.isArticle === true || /article/i.test(meta('og:type') ?? '');
  // An index page is mostly linked headlines, each maybe with a one-sentence blurb; an article has a few at most.
  const headlines = paragraphs.filter(isLinkedHeadline).length;
  const sentences = paragraphs.filter(isSentenceParagraph).length;
  if (!declaredArticle && headlines >= 5 && headlines >= paragraphs.length * 0.4 && sentences < headlines) {
    return 'it is a list of links, such as an index page';
  }
  return undefined;
}
