// A small, read-only element tree built straight from htmlparser2's events. Extraction only reads the page, so plain
// objects are enough; a full DOM (linkedom, jsdom) costs 3–5 times more to build and Readability's repeated
// traversals on it cost ~20 ms a page, which the pipeline's 50 articles/s budget cannot afford.
// Script, style and other never-rendered content is dropped while parsing, except JSON-LD, which metadata needs.
import { Parser } from 'htmlparser2';

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

/** Text is a plain string (entities decoded, whitespace as written). */
export type HtmlNode = HtmlElement | string;

export interface ParsedPage {
  root: HtmlElement;
  /** Every `<meta>` anywhere in the page (attributes lower-cased by name). */
  metas: Record<string, string>[];
  /** Every `<link>` with a rel. */
  links: { rel: string; href: string; hreflang?: string | undefined }[];
  /** Raw text of each `<script type="application/ld+json">`. */
  jsonLd: string[];
  /** The `<title>` text. */
  title: string;
  htmlLang: string | undefined;
  baseHref: string | undefined;
}

// Content a reader never sees as text. `noscript` holds "enable JavaScript" notices and tracking pixels.
const dropped = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'button', 'map', 'datalist']);
// Kept as empty elements: their presence says something about the block around them (an embedded video, a form).
const emptied = new Set(['iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'select', 'textarea', 'input']);

// Deeper nesting than this is broken markup (unclosed inline tags repeated thousands of times); further elements
// are attached flat at this depth so that recursive readers cannot overflow the stack.
const maxDepth = 400;

export function parseHtmlTree(html: string): ParsedPage {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null };
  const page: ParsedPage = { root, metas: [], links: [], jsonLd: [], title: '', htmlLang: undefined, baseHref: undefined };
  let current = root;
  // Depth inside a dropped or emptied element: its tags still balance htmlparser2's stack but are not kept.
  let skipDepth = 0;
  let preDepth = 0;
  let depth = 0;
  // Open elements past maxDepth, whose close tags must be swallowed.
  let flattened = 0;
  let capture: 'jsonld' | 'title' | null = null;
  let captured = '';
  // Whether the current element's last text child ends in a space (ontext).
  let textEndsInSpace = false;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        readHeadTag(page, name, attrs);
        if (name === 'script' && /ld\+json/i.test(attrs.type ?? '')) {
          capture = 'jsonld';
          captured = '';
        } else if (name === 'title' && !page.title && skipDepth === 0) {
          capture = 'title';
          captured = '';
        }
        if (skipDepth > 0) {
          skipDepth++;
          return;
        }
        if (dropped.has(name)) {
          skipDepth = 1;
          return;
        }
        const element: HtmlElement = { tag: name, attrs, children: [], parent: current };
        current.children.push(element);
        if (emptied.has(name)) {
          skipDepth = 1;
          return;
        }
        if (depth >= maxDepth) {
          flattened++;
          return;
        }
        if (name === 'pre') preDepth++;
        depth++;
        current = element;
      },
      ontext(text) {
        if (capture) {
          captured += text;
          return;
        }
        if (skipDepth > 0) return;
        // Collapsing whitespace once here keeps every later length computation a plain `.length`.
        const piece = preDepth > 0 ? text : text.replace(/\s+/g, ' ');
        const siblings = current.children;
        const last = siblings.length - 1;
        if (last >= 0 && typeof siblings[last] === 'string') {
          // Both sides are collapsed already: only where they meet can two spaces touch. Neither the joined run is
          // collapsed again nor its end read (either made text of many entities, each its own piece, quadratic: 600 KB
          // took 20 s), so whether it ends in a space is remembered.
          const joined = preDepth === 0 && textEndsInSpace && piece.startsWith(' ') ? piece.slice(1) : piece;
          siblings[last] += joined;
          if (joined) textEndsInSpace = joined.endsWith(' ');
        } else {
          siblings.push(piece);
          textEndsInSpace = piece.endsWith(' ');
        }
      },
      onclosetag(name) {
        if (capture === 'jsonld' && name === 'script') page.jsonLd.push(captured);
        else if (capture === 'title' && name === 'title') page.title = captured.replace(/\s+/g, ' ').trim();
        if (capture && (name === 'script' || name === 'title')) capture = null;
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (flattened > 0) {
          flattened--;
          return;
        }
        if (name === 'pre' && preDepth > 0) preDepth--;
        if (current.parent) {
          current = current.parent;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return page;
}

function readHeadTag(page: ParsedPage, name: string, attrs: Record<string, string>): void {
  switch (name) {
    case 'meta':
      page.metas.push(attrs);
      break;
    case 'link':
      if (attrs.rel && attrs.href) page.links.push({ rel: attrs.rel.toLowerCase(), href: attrs.href, hreflang: attrs.hreflang });
      break;
    case 'html':
      page.htmlLang ??= attrs.lang || attrs['xml:lang'] || undefined;
      break;
    case 'base':
      page.baseHref ??= attrs.href || undefined;
      break;
  }
}

/** Depth-first, document order; `visit` returning false skips the element's subtree. */
export function walk(element: HtmlElement, visit: (el: HtmlElement) => boolean | void): void {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (visit(child) === false) continue;
    walk(child, visit);
  }
}

export function findAll(element: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  walk(element, (el) => {
    if (test(el)) found.push(el);
  });
  return found;
}

/** Text content with whitespace collapsed. */
export function textOf(node: HtmlNode): string {
  if (typeof node === 'string') return node.replace(/\s+/g, ' ');
  const parts: string[] = [];
  collect(node, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function collect(element: HtmlElement, parts: string[]): void {
  for (const child of element.children) {
    if (typeof child === 'string') parts.push(child);
    else {
      if (child.tag === 'br') parts.push(' ');
      collect(child, parts);
    }
  }
}
