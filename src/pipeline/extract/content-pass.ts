// One reading of the page by the main-text finder: which elements are set aside (hidden, unlikely, the byline, a
// heading repeating the title) and the text and link lengths of the rest. The tree itself is never modified, so a
// retry with relaxed rules is just another pass.
import { textOf, type HtmlElement } from './html-tree.js';
import {
  bylineClass, classAndId, commas, divToPBlockers, isProbablyHidden, okMaybeItsACandidate, unlikelyCandidates, unlikelyRoles,
} from './content-patterns.js';
import { holdsEmbeddedPost, insideSentence, midSentence } from './content-furniture.js';
import { isConsentNotice } from './consent-notice.js';

export interface ContentFlags {
  stripUnlikely: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
}

export interface ContentPass {
  flags: ContentFlags;
  removed: Set<HtmlElement>;
  /** Text length (whitespace collapsed) of every kept element. */
  textLength: Map<HtmlElement, number>;
  /** Length of link text inside every kept element, `#` links counted at 0.3. */
  linkLength: Map<HtmlElement, number>;
  commas: Map<HtmlElement, number>;
  /** Kept elements with a block (p, div, list, table…) somewhere inside: a `div` without one reads as a paragraph. */
  hasBlocks: Set<HtmlElement>;
  scores: Map<HtmlElement, number>;
  /**
   * Characters removed as furniture beyond Readability's own cleaning. Whether to retry with relaxed rules is
   * decided on the text Readability would have kept, so removing furniture never sends the finder elsewhere.
   */
  furnitureChars: number;
  /** The byline element's text, when one was found and set aside. */
  byline: string | undefined;
}

const topTags = new Set(['body', 'html', '#root']);
const mediaTags = new Set(['img', 'picture', 'iframe', 'video', 'embed', 'object']);

export function isTop(el: HtmlElement): boolean {
  return topTags.has(el.tag);
}

export function keptChildren(el: HtmlElement, removed: Set<HtmlElement>): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const child of el.children) if (typeof child !== 'string' && !removed.has(child)) out.push(child);
  return out;
}

/** A div holding only inline content: Readability turns it into a `p`. */
export function isParagraphDiv(el: HtmlElement, pass: ContentPass): boolean {
  return el.tag === 'div' && !pass.hasBlocks.has(el);
}

function textSimilarity(a: string, b: string): number {
  const tokensA = a.toLowerCase().split(/\W+/).filter(Boolean);
  const tokensB = b.toLowerCase().split(/\W+/).filter(Boolean);
  if (!tokensA.length || !tokensB.length) return 0;
  const setA = new Set(tokensA);
  const unique = tokensB.filter((t) => !setA.has(t));
  return 1 - unique.join(' ').length / tokensB.join(' ').length;
}

/** Marks hidden, unlikely and empty elements, the byline and a heading repeating the title. */
export function prune(root: HtmlElement, pass: ContentPass, title: string): void {
  let titleHeadingSeen = false;
  const visit = (el: HtmlElement, inTableOrCode: boolean): void => {
    for (const [index, child] of el.children.entries()) {
      if (typeof child === 'string') continue;
      if (child.tag === 'html' || child.tag === 'body') {
        visit(child, false);
        continue;
      }
      // A cookie-consent notice too: its legal prose outweighed a short story's (consent-notice.ts).
      const notice = isConsentNotice(child.tag, child.attrs.id ?? '', child.attrs.class ?? '', () => textOf(child));
      if (notice || isProbablyHidden(child) || (child.attrs['aria-modal'] === 'true' && child.attrs.role === 'dialog')) {
        pass.removed.add(child);
        continue;
      }
      const match = classAndId(child);
      // A class name is only a guess: an inline element inside a sentence is part of what the sentence says, never
      // an unlikely candidate, nor the byline when it sits mid-sentence ("Coach <span class="author-name">…</span> said").
      const inSentence = insideSentence(el, index);
      if (!pass.byline && !midSentence(el, index) && isByline(child, match)) {
        pass.byline = textOf(child);
        pass.removed.add(child);
        continue;
      }
      if (!titleHeadingSeen && title && (child.tag === 'h1' || child.tag === 'h2') && textSimilarity(title, textOf(child)) > 0.75) {
        titleHeadingSeen = true;
        pass.removed.add(child);
        continue;
      }
      if (pass.flags.stripUnlikely) {
        if (
          match && unlikelyCandidates.test(match) && !okMaybeItsACandidate.test(match) && !inTableOrCode &&
          child.tag !== 'a' && !inSentence && !holdsEmbeddedPost(child)
        ) {
          pass.removed.add(child);
          continue;
        }
        if (child.attrs.role && unlikelyRoles.has(child.attrs.role)) {
          pass.removed.add(child);
          continue;
        }
      }
      visit(child, inTableOrCode || child.tag === 'table' || child.tag === 'code');
    }
  };
  visit(root, false);
}

function isByline(el: HtmlElement, match: string): boolean {
  if (!(el.attrs.rel === 'author' || el.attrs.itemprop?.includes('author') || (match && bylineClass.test(match)))) return false;
  const length = textOf(el).length;
  return length > 0 && length < 100;
}

interface Measure {
  text: number;
  link: number;
  commas: number;
  media: boolean;
  blocks: boolean;
}

/** Text and link lengths of every kept element, bottom-up; drops elements with neither text nor media. */
export function measure(el: HtmlElement, pass: ContentPass, inLink: boolean): Measure {
  const total: Measure = { text: 0, link: 0, commas: 0, media: false, blocks: false };
  const isLink = el.tag === 'a';
  const weight = isLink && el.attrs.href?.startsWith('#') ? 0.3 : 1;
  for (const child of el.children) {
    if (typeof child === 'string') {
      total.text += child.length;
      total.commas += countCommas(child);
      continue;
    }
    if (pass.removed.has(child)) continue;
    const m = measure(child, pass, inLink || isLink);
    total.text += m.text;
    total.link += m.link;
    total.commas += m.commas;
    total.media ||= m.media;
    total.blocks ||= m.blocks || divToPBlockers.has(child.tag);
  }
  if (total.blocks) pass.hasBlocks.add(el);
  if (isLink && !inLink) total.link = total.text * weight;
  if (mediaTags.has(el.tag)) total.media = true;
  pass.textLength.set(el, total.text);
  pass.linkLength.set(el, total.link);
  pass.commas.set(el, total.commas);
  if (total.text === 0 && !total.media && /^(div|section|header|h[1-6])$/.test(el.tag) && !isTop(el)) pass.removed.add(el);
  return total;
}

export function countCommas(text: string): number {
  commas.lastIndex = 0;
  let n = 0;
  while (commas.exec(text)) n++;
  return n;
}

export function linkDensity(el: HtmlElement, pass: ContentPass): number {
  const text = pass.textLength.get(el) ?? 0;
  return text === 0 ? 0 : (pass.linkLength.get(el) ?? 0) / text;
}

export function newPass(flags: ContentFlags): ContentPass {
  return {
    flags, removed: new Set(), textLength: new Map(), linkLength: new Map(), commas: new Map(), hasBlocks: new Set(),
    scores: new Map(), furnitureChars: 0, byline: undefined,
  };
}
