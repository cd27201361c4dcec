// Finds the element that holds the article text, the way Readability does: score every paragraph by its length and
// commas, credit its parent fully and its grandparents less, discount link-heavy candidates, then take the best
// candidate plus the siblings that look like more of the same. The tree is never modified: what Readability
// removes from the DOM is recorded in `removed`, so a retry with relaxed rules just runs again.
import { textOf, type HtmlElement, type HtmlNode } from './html-tree.js';
import { classWeight } from './content-patterns.js';
import {
  countCommas, isParagraphDiv, isTop, keptChildren, linkDensity, measure, prune, type ContentPass,
} from './content-pass.js';

const phrasingTags = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed', 'i', 'img',
  'input', 'kbd', 'label', 'mark', 'math', 'meter', 'noscript', 'object', 'output', 'progress', 'q', 'ruby', 'samp',
  'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'var', 'wbr', 'font', 'u', 's',
]);
const scoredTags = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);

function isPhrasing(node: HtmlNode): boolean {
  if (typeof node === 'string') return true;
  if (phrasingTags.has(node.tag)) return true;
  return (node.tag === 'a' || node.tag === 'del' || node.tag === 'ins') && node.children.every(isPhrasing);
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
