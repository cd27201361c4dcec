// Cleans the chosen article elements the way Readability's _prepArticle does: drop asides, footers, form controls and
// small share widgets outright, and drop tables, lists and divs "conditionally" when their counts look like
// furniture (mostly links, more images than paragraphs, a form...). Works bottom-up so a parent is judged on what
// is left of it, and records removals in the pass instead of mutating the tree.
import type { HtmlElement } from './html-tree.js';
import { countCommas, isParagraphDiv, type ContentPass } from './content-pass.js';
import {
  adWords, allowedVideo, classAndId, classWeight, divToPBlockers, headingTags, loadingWords, shareElements,
} from './content-patterns.js';
import { hasFurnitureClass, holdsEmbeddedPost, insideSentence, isEmbeddedPost, isFurnitureTag } from './content-furniture.js';

interface Kept {
  text: number;
  link: number;
  commas: number;
  p: number;
  img: number;
  li: number;
  input: number;
  embeds: number;
  video: boolean;
  heading: number;
  list: number;
  textish: boolean;
  dataTable: boolean;
  /** Holds a quoted social-media post, which stays whatever its wrapper looks like. */
  post: boolean;
}

interface Context {
  inDataTable: boolean;
  inCode: boolean;
  inFigure: boolean;
  /** 0 for the selected elements themselves, 1 for their children… */
  depth: number;
  /** Text length of all selected elements before cleaning. */
  total: number;
  /** The element cleaned is an inline one inside a sentence (kept whatever its class says). */
  sentenceInline?: boolean;
}

const alwaysRemoved = new Set(['object', 'embed', 'footer', 'link', 'aside', 'input', 'textarea', 'select', 'button', 'nav']);
const conditionallyCleaned = new Set(['form', 'fieldset', 'table', 'ul', 'div']);
const textishTags = new Set(['span', 'li', 'td', ...divToPBlockers]);

function empty(): Kept {
  return {
    text: 0, link: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, embeds: 0, video: false, heading: 0, list: 0,
    textish: false, dataTable: false, post: false,
  };
}

function add(into: Kept, from: Kept): void {
  into.text += from.text;
  into.link += from.link;
  into.commas += from.commas;
  into.p += from.p;
  into.img += from.img;
  into.li += from.li;
  into.input += from.input;
  into.embeds += from.embeds;
  into.video ||= from.video;
  into.heading += from.heading;
  into.list += from.list;
  into.textish ||= from.textish;
  into.dataTable ||= from.dataTable;
  into.post ||= from.post;
}

export function cleanContent(selected: HtmlElement[], pass: ContentPass): void {
  const total = selected.reduce((n, el) => n + (pass.textLength.get(el) ?? 0), 0);
  for (const el of selected) {
    if (isFurniture(el, pass, total, false)) pass.removed.add(el);
    else clean(el, pass, { inDataTable: false, inCode: false, inFigure: false, depth: 0, total });
  }
}

/** Furniture by class or tag, when small next to the whole article (a mislabelled article body is never small). */
function isFurniture(el: HtmlElement, pass: ContentPass, total: number, inSentence: boolean): boolean {
  if (!isFurnitureTag(el) && (inSentence || !hasFurnitureClass(el))) return false;
  if (holdsEmbeddedPost(el)) return false;
  const length = pass.textLength.get(el) ?? 0;
  if (length >= 0.4 * total) return false;
  pass.furnitureChars += length;
  return true;
}

function clean(el: HtmlElement, pass: ContentPass, ctx: Context): Kept {
  const kept = empty();
  const isTable = el.tag === 'table';
  const dataTable = isTable && isDataTable(el);
  const childCtx: Context = {
    inDataTable: ctx.inDataTable || dataTable,
    inCode: ctx.inCode || el.tag === 'code',
    inFigure: ctx.inFigure || el.tag === 'figure',
    depth: ctx.depth + 1,
    total: ctx.total,
  };
  let runText = 0;
  for (const [index, child] of el.children.entries()) {
    if (typeof child === 'string') {
      kept.text += child.length;
      kept.commas += countCommas(child);
      runText += child.trim().length;
      continue;
    }
    // A link inside an inline element of a sentence is that sentence's word too: a hover card's wrapper holds the
    // name it shows (`Gov. <span class="rollover-people"><a class="rollover-people-link">Kristi Noem</a><span
    // class="rollover-people-block">…card…</span></span> (R) said`), and the name went with the card.
    const inSentence = insideSentence(el, index) || (ctx.sentenceInline === true && child.tag === 'a');
    if (pass.removed.has(child) || removedOutright(child, pass, childCtx, inSentence)) {
      pass.removed.add(child);
      continue;
    }
    const sub = clean(child, pass, { ...childCtx, sentenceInline: inSentence });
    if (pass.flags.cleanConditionally && conditionallyCleaned.has(child.tag) && !isParagraphDiv(child, pass)) {
      if (shouldRemove(child, sub, pass, childCtx)) {
        pass.removed.add(child);
        continue;
      }
    }
    if (child.tag === 'p' && sub.text === 0 && sub.img === 0 && sub.embeds === 0 && !sub.video) {
      pass.removed.add(child);
      continue;
    }
    // Furniture leaves the text but still counts in its parent's figures, as Readability sees them: a teaser
    // block must not escape the link-density test because its link-heavy "meta" line was taken out first.
    if (isFurniture(child, pass, ctx.total, inSentence)) pass.removed.add(child);
    add(kept, sub);
    if (!divToPBlockers.has(child.tag)) runText += sub.text;
  }
  // Readability wraps loose text in a block div into paragraphs; count one for it.
  if (el.tag === 'div' && runText > 0 && !isParagraphDiv(el, pass)) kept.p++;
  switch (el.tag) {
    case 'p':
      kept.p++;
      break;
    case 'div':
      if (isParagraphDiv(el, pass)) kept.p++;
      break;
    case 'img':
      kept.img++;
      break;
    case 'li':
      kept.li++;
      break;
    case 'input':
      kept.input++;
      break;
    case 'iframe': case 'object': case 'embed':
      if (Object.values(el.attrs).some((v) => allowedVideo.test(v))) kept.video = true;
      else kept.embeds++;
      break;
    case 'a':
      kept.link = kept.text * (el.attrs.href?.startsWith('#') ? 0.3 : 1);
      break;
  }
  if (headingTags.has(el.tag)) kept.heading += kept.text;
  if (el.tag === 'ul' || el.tag === 'ol') kept.list += kept.text;
  if (textishTags.has(el.tag) && kept.text > 0) kept.textish = true;
  if (dataTable) kept.dataTable = true;
  if (el.tag === 'blockquote' && isEmbeddedPost(el)) kept.post = true;
  pass.textLength.set(el, kept.text);
  return kept;
}

function removedOutright(el: HtmlElement, pass: ContentPass, ctx: Context, inSentence: boolean): boolean {
  if (alwaysRemoved.has(el.tag)) return true;
  if (el.tag === 'iframe' && !Object.values(el.attrs).some((v) => allowedVideo.test(v))) return true;
  // A share link inside a sentence is a word of it (the name of the person it links to).
  if (ctx.depth >= 1 && !inSentence) {
    const match = classAndId(el);
    if (match && shareElements.test(match) && (pass.textLength.get(el) ?? 0) < 500) return true;
  }
  if (pass.flags.weightClasses && (el.tag === 'h1' || el.tag === 'h2') && classWeight(el) < 0) return true;
  return false;
}

function shouldRemove(el: HtmlElement, kept: Kept, pass: ContentPass, ctx: Context): boolean {
  if (el.tag === 'table' && kept.dataTable && isDataTable(el)) return false;
  if (ctx.inDataTable || ctx.inCode || kept.dataTable || kept.post) return false;
  const weight = pass.flags.weightClasses ? classWeight(el) : 0;
  if (weight < 0) return true;
  if (kept.commas >= 10) return false;
  const isList = el.tag === 'ul' || el.tag === 'ol' || (kept.text > 0 && kept.list / kept.text > 0.9);
  if (kept.video) return false;
  // Only a few words can be an "Advertisement" or "Loading…" label; longer blocks are not worth reading out.
  if (kept.text < 40) {
    const text = collapsedText(el, pass);
    if (adWords.test(text) || loadingWords.test(text)) return true;
  }
  const contentLength = kept.text;
  const density = contentLength === 0 ? 0 : kept.link / contentLength;
  const headingDensity = contentLength === 0 ? 0 : kept.heading / contentLength;
  const li = kept.li - 100;
  const remove =
    (!ctx.inFigure && kept.img > 1 && kept.p / kept.img < 0.5) ||
    (!isList && li > kept.p) ||
    kept.input > Math.floor(kept.p / 3) ||
    (!isList && !ctx.inFigure && headingDensity < 0.9 && contentLength < 25 && (kept.img === 0 || kept.img > 2) && density > 0) ||
    (!isList && weight < 25 && density > 0.2) ||
    (weight >= 25 && density > 0.5) ||
    (kept.embeds === 1 && contentLength < 75) ||
    kept.embeds > 1 ||
    (kept.img === 0 && !kept.textish);
  if (remove && isList && listOfImages(el, kept)) return false;
  return remove;
}

/** A simple list whose every item is one image stays (a gallery). */
function listOfImages(el: HtmlElement, kept: Kept): boolean {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.children.filter((c) => typeof c !== 'string').length > 1) return false;
  }
  return kept.img === kept.li;
}

function collapsedText(el: HtmlElement, pass: ContentPass): string {
  const parts: string[] = [];
  const visit = (node: HtmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') parts.push(child);
      else if (!pass.removed.has(child)) visit(child);
    }
  };
  visit(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Readability's data-table test: tables laid out as data (headers, captions, many cells) rather than for layout. */
function isDataTable(table: HtmlElement): boolean {
  if (table.attrs.role === 'presentation' || table.attrs.datatable === '0') return false;
  if (table.attrs.summary) return true;
  let rows = 0;
  let columns = 0;
  let dataDescendant = false;
  let nested = false;
  let caption = false;
  const visit = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      if (child.tag === 'table') {
        nested = true;
        continue;
      }
      if (child.tag === 'caption' && child.children.length) caption = true;
      if (/^(col|colgroup|tfoot|thead|th)$/.test(child.tag)) dataDescendant = true;
      if (child.tag === 'tr') {
        rows += Number.parseInt(child.attrs.rowspan ?? '1', 10) || 1;
        let cells = 0;
        for (const cell of child.children) {
          if (typeof cell !== 'string' && cell.tag === 'td') cells += Number.parseInt(cell.attrs.colspan ?? '1', 10) || 1;
        }
        columns = Math.max(columns, cells);
      }
      visit(child);
    }
  };
  visit(table);
  if (caption || dataDescendant) return true;
  if (nested) return false;
  if (columns === 1 || rows === 1) return false;
  if (rows >= 10 || columns > 4) return true;
  return rows * columns > 10;
}
