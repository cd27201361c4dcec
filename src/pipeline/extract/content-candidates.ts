// Finds the element that holds the article text, the way Readability does: score every paragraph by its length and
// commas, credit its parent fully and its grandparents less, discount link-heavy candidates, then take the best
// candidate plus the siblings that look like more of the same. The tree is never modified: what Readability
// removes from the DOM is recorded in `removed`, so a retry with relaxed rules just runs again.
import { textOf, type HtmlElement, type HtmlNode } from './html-tree.js';
import {
  bylineClass, classAndId, classWeight, commas, divToPBlockers, isProbablyHidden, okMaybeItsACandidate,
  unlikelyCandidates, unlikelyRoles,
} from './content-patterns.js';
import { holdsEmbeddedPost } from './content-furniture.js';

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
  /** The byline element's text, when one was found and set aside. */
  byline: string | undefined;
}

const phrasingTags = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed', 'i', 'img',
  'input', 'kbd', 'label', 'mark', 'math', 'meter', 'noscript', 'object', 'output', 'progress', 'q', 'ruby', 'samp',
  'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'var', 'wbr', 'font', 'u', 's',
]);
const scoredTags = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);
const topTags = new Set(['body', 'html', '#root']);

export function isTop(el: HtmlElement): boolean {
  return topTags.has(el.tag);
}

export function keptChildren(el: HtmlElement, removed: Set<HtmlElement>): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const child of el.children) if (typeof child !== 'string' && !removed.has(child)) out.push(child);
  return out;
}

function isPhrasing(node: HtmlNode): boolean {
  if (typeof node === 'string') return true;
  if (phrasingTags.has(node.tag)) return true;
  return (node.tag === 'a' || node.tag === 'del' || node.tag === 'ins') && node.children.every(isPhrasing);
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
function prune(root: HtmlElement, pass: ContentPass, title: string): void {
  let titleHeadingSeen = false;
  const visit = (el: HtmlElement, inTableOrCode: boolean): void => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'html' || child.tag === 'body') {
        visit(child, false);
        continue;
      }
      if (isProbablyHidden(child) || (child.attrs['aria-modal'] === 'true' && child.attrs.role === 'dialog')) {
        pass.removed.add(child);
        continue;
      }
      const match = classAndId(child);
      if (!pass.byline && isByline(child, match)) {
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
          child.tag !== 'a' && !holdsEmbeddedPost(child)
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
function measure(el: HtmlElement, pass: ContentPass, inLink: boolean): Measure {
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
  if (el.tag === 'img' || el.tag === 'picture' || el.tag === 'iframe' || el.tag === 'video' || el.tag === 'embed' || el.tag === 'object') total.media = true;
  pass.textLength.set(el, total.text);
  pass.linkLength.set(el, total.link);
  pass.commas.set(el, total.commas);
  if (total.text === 0 && !total.media && /^(div|section|header|h[1-6])$/.test(el.tag) && !isTop(el)) pass.removed.add(el);
  return total;
}

function countCommas(text: string): number {
  commas.lastIndex = 0;
  let n = 0;
  while (commas.exec(text)) n++;
  return n;
}

export function linkDensity(el: HtmlElement, pass: ContentPass): number {
  const text = pass.textLength.get(el) ?? 0;
  return text === 0 ? 0 : (pass.linkLength.get(el) ?? 0) / text;
}

function initialScore(el: HtmlElement, pass: ContentPass): number {
  let score = 0;
  switch (el.tag) {
    case 'div':
      score = 5;
      break;
    case 'pre': case 'td': case 'blockquote':
      score = 3;
      break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form':
      score = -3;
      break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th':
      score = -5;
      break;
  }
  return pass.flags.weightClasses ? score + classWeight(el) : score;
}

/** Credits a paragraph of `length` characters to its first five ancestors, starting at `parent`. */
function creditAncestors(parent: HtmlElement, length: number, commaTotal: number, pass: ContentPass): void {
  if (length < 25) return;
  const score = 1 + (commaTotal + 1) + Math.min(Math.floor(length / 100), 3);
  let node: HtmlElement | null = parent;
  for (let level = 0; node && level < 5; level++, node = node.parent) {
    // Neither the document nor its root element is a candidate.
    if (!node.parent || node.tag === '#root' || node.parent.tag === '#root') break;
    let current = pass.scores.get(node);
    if (current === undefined) current = initialScore(node, pass);
    const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
    pass.scores.set(node, current + score / divider);
  }
}

function scoreParagraphs(el: HtmlElement, pass: ContentPass): void {
  for (const child of el.children) {
    if (typeof child === 'string' || pass.removed.has(child)) continue;
    const tag = child.tag;
    if (scoredTags.has(tag) && child.parent) {
      creditAncestors(child.parent, pass.textLength.get(child) ?? 0, pass.commas.get(child) ?? 0, pass);
    } else if (tag === 'div') {
      if (isParagraphDiv(child, pass)) {
        if (child.parent) creditAncestors(child.parent, pass.textLength.get(child) ?? 0, pass.commas.get(child) ?? 0, pass);
      } else scorePhrasingRuns(child, pass);
    }
    scoreParagraphs(child, pass);
  }
}

/** Text written straight into a block `div` between its blocks counts as paragraphs of that div. */
function scorePhrasingRuns(div: HtmlElement, pass: ContentPass): void {
  let length = 0;
  let commaTotal = 0;
  const flush = (): void => {
    if (length > 0) creditAncestors(div, length, commaTotal, pass);
    length = 0;
    commaTotal = 0;
  };
  for (const child of div.children) {
    if (typeof child !== 'string' && pass.removed.has(child)) continue;
    if (isPhrasing(child)) {
      if (typeof child === 'string') {
        length += child.trim() ? child.length : 0;
        commaTotal += countCommas(child);
      } else {
        length += pass.textLength.get(child) ?? 0;
        commaTotal += pass.commas.get(child) ?? 0;
      }
    } else flush();
  }
  flush();
}

export function newPass(flags: ContentFlags): ContentPass {
  return { flags, removed: new Set(), textLength: new Map(), linkLength: new Map(), commas: new Map(), hasBlocks: new Set(), scores: new Map(), byline: undefined };
}

/** Runs pruning and scoring; returns the elements (siblings under one parent) that hold the article. */
export function selectContent(root: HtmlElement, pass: ContentPass, title: string): HtmlElement[] {
  prune(root, pass, title);
  measure(root, pass, false);
  scoreParagraphs(root, pass);

  const top: HtmlElement[] = [];
  for (const [el, raw] of pass.scores) {
    const score = raw * (1 - linkDensity(el, pass));
    pass.scores.set(el, score);
    let i = 0;
    while (i < top.length && score <= pass.scores.get(top[i]!)!) i++;
    if (i < 5) {
      top.splice(i, 0, el);
      if (top.length > 5) top.pop();
    }
  }
  let candidate = top[0];
  if (!candidate || isTop(candidate)) {
    const body = findBody(root);
    return keptChildren(body, pass.removed);
  }
  candidate = commonAncestorOfAlternatives(candidate, top, pass);
  candidate = climbWhileScoreRises(candidate, pass);
  while (candidate.parent && !isTop(candidate.parent) && keptChildren(candidate.parent, pass.removed).length === 1) {
    candidate = candidate.parent;
  }
  if (!pass.scores.has(candidate)) pass.scores.set(candidate, initialScore(candidate, pass));
  return withRelatedSiblings(candidate, pass);
}

function findBody(root: HtmlElement): HtmlElement {
  let body: HtmlElement | undefined;
  const search = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (body || typeof child === 'string') continue;
      if (child.tag === 'body') body = child;
      else if (child.tag === 'html') search(child);
    }
  };
  search(root);
  return body ?? root;
}

function ancestorsOf(el: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (let node = el.parent; node; node = node.parent) out.push(node);
  return out;
}

/** When three or more near-best candidates sit under one ancestor, the article is that ancestor. */
function commonAncestorOfAlternatives(candidate: HtmlElement, top: HtmlElement[], pass: ContentPass): HtmlElement {
  const best = pass.scores.get(candidate)!;
  const alternatives = top.slice(1).filter((el) => pass.scores.get(el)! / best >= 0.75).map(ancestorsOf);
  if (alternatives.length < 3) return candidate;
  for (let node = candidate.parent; node && !isTop(node); node = node.parent) {
    if (alternatives.filter((list) => list.includes(node)).length >= 3) return node;
  }
  return candidate;
}

function climbWhileScoreRises(candidate: HtmlElement, pass: ContentPass): HtmlElement {
  let lastScore = pass.scores.get(candidate) ?? 0;
  const threshold = lastScore / 3;
  for (let node = candidate.parent; node && !isTop(node); node = node.parent) {
    const score = pass.scores.get(node);
    if (score === undefined) continue;
    if (score < threshold) break;
    if (score > lastScore) return node;
    lastScore = score;
  }
  return candidate;
}

function withRelatedSiblings(candidate: HtmlElement, pass: ContentPass): HtmlElement[] {
  const parent = candidate.parent;
  if (!parent) return [candidate];
  const topScore = pass.scores.get(candidate) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const out: HtmlElement[] = [];
  for (const sibling of keptChildren(parent, pass.removed)) {
    if (sibling === candidate) {
      out.push(sibling);
      continue;
    }
    const bonus = sibling.attrs.class && sibling.attrs.class === candidate.attrs.class ? topScore * 0.2 : 0;
    const score = pass.scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) out.push(sibling);
    else if (sibling.tag === 'p' || isParagraphDiv(sibling, pass)) {
      const density = linkDensity(sibling, pass);
      const text = textOf(sibling);
      if (text.length > 80 && density < 0.25) out.push(sibling);
      else if (text.length > 0 && text.length < 80 && density === 0 && /\.( |$)/.test(text)) out.push(sibling);
    }
  }
  return out;
}
