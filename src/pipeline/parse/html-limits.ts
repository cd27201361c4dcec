// A cheap look at an HTML page before it is built into a DOM: linkedom's cost grows with the square of nesting
// depth, so `'<div><p>x '.repeat(100000)` (1 MB) took the bot past its heap in 20 s. One linear scan counts elements
// and follows nesting as linkedom's parser (htmlparser2) will build it; a page past the limits is refused in words
// instead of being parsed.
import { ParseError } from './errors.js';

export const MAX_HTML_DEPTH = 1_000;
export const MAX_HTML_ELEMENTS = 200_000;

// htmlparser2's own rules (Parser.js, v10), so that the depth counted is the depth it builds. An element closes open
// ones only while the innermost is one it implies closed: `<li><li>` are siblings, but `<p><li><p><li>` nests, and
// a `<colgroup>` is never closed by another. Counting those as never nesting let a 180 KB listing page take 43 s.
const pTag = ['p'];
const formTags = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const impliesClose = new Map<string, ReadonlySet<string>>(
  (
    [
      ['tr', ['tr', 'th', 'td']],
      ['th', ['th']],
      ['td', ['thead', 'th', 'td']],
      ['body', ['head', 'link', 'script']],
      ['li', ['li']],
      ['option', ['option']],
      ['optgroup', ['optgroup', 'option']],
      ['dd', ['dd', 'dt']],
      ['dt', ['dd', 'dt']],
      ['rt', ['rt', 'rp']],
      ['rp', ['rt', 'rp']],
      ['tbody', ['thead', 'tbody']],
      ['tfoot', ['thead', 'tbody']],
      ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, formTags] as const),
      ...'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol pre section table ul'
        .split(' ')
        .map((t) => [t, pTag] as const),
    ] as const
  ).map(([name, closes]) => [name, new Set(closes)]),
);
const voidElements = new Set('area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(' '));
// Inside these `<x/>` closes itself; elsewhere htmlparser2 reads it as `<x>`, which nests.
const foreign = new Set(['svg', 'math']);
// Only what the HTML parser itself reads as text: `<noscript>` and `<template>` are built into elements like any other,
// so skipping them let 600 KB of nesting inside one reach the parser (and past the worker's heap).
const rawText = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/** Throws a ParseError when the page nests deeper than MAX_HTML_DEPTH or has more than MAX_HTML_ELEMENTS elements. */
export function checkHtmlComplexity(html: string): void {
  let elements = 0;
  let lower: string | undefined; // made once, on the first raw-text element
  // The open elements, innermost last, and how many of each name are open: a closing tag pops to its element only
  // when one is open, so every element is pushed and popped once and the scan stays linear.
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    return name;
  };

  let at = html.indexOf('<');
  while (at !== -1) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end === -1) return;
      at = html.indexOf('<', end + 3);
      continue;
    }
    // Every index is visited a bounded number of times: the name is read once, and the next '>' found once.
    const closing = html[at + 1] === '/';
    let i = at + (closing ? 2 : 1);
    const nameStart = i;
    while (i < html.length && /[A-Za-z0-9:-]/.test(html[i]!)) i++;
    const end = html.indexOf('>', i);
    if (end === -1) return; // the rest is text
    if (i > nameStart && /[A-Za-z]/.test(html[nameStart]!)) {
      const name = html.slice(nameStart, i).toLowerCase();
      if (closing) {
        if (!voidElements.has(name) && (open.get(name) ?? 0) > 0) while (pop() !== name);
      } else {
        if (++elements > MAX_HTML_ELEMENTS) throw new ParseError(`The page is too complex to read: more than ${MAX_HTML_ELEMENTS.toLocaleString('en')} elements.`);
        const closes = impliesClose.get(name);
        if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
        if (rawText.has(name)) {
          lower ??= html.toLowerCase();
          const close = lower.indexOf(`</${name}`, end);
          if (close === -1) return;
          at = html.indexOf('<', close + 2);
          continue;
        }
        const selfClosed = html[end - 1] === '/' && (foreign.has(name) || [...foreign].some((f) => (open.get(f) ?? 0) > 0));
        if (!voidElements.has(name) && !selfClosed) {
          stack.push(name);
          open.set(name, (open.get(name) ?? 0) + 1);
          if (stack.length > MAX_HTML_DEPTH) throw new ParseError(`The page is too complex to read: elements nested deeper than ${MAX_HTML_DEPTH.toLocaleString('en')}.`);
        }
      }
    }
    at = html.indexOf('<', end + 1);
  }
}
