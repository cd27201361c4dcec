// A cheap look at an HTML page before it is built into a DOM: linkedom's cost grows with the square of nesting
// depth, so `'<div><p>x '.repeat(100000)` (1 MB) took the bot past its heap in 20 s. One linear scan counts elements
// and open nesting; a page past the limits is refused in words instead of being parsed.
import { ParseError } from './errors.js';

export const MAX_HTML_DEPTH = 1_000;
export const MAX_HTML_ELEMENTS = 200_000;

// Elements that never contain others, and those a parser closes by itself when a sibling opens (an unclosed <p> or
// <li> does not nest the next one), so real pages without their optional end tags do not look deep.
const notNesting = new Set(
  ('area base br col embed hr img input link meta param source track wbr ' + 'p li dt dd option optgroup tr td th thead tbody tfoot rt rp colgroup').split(' '),
);
// Only what the HTML parser itself reads as text: `<noscript>` and `<template>` are built into elements like any other,
// so skipping them let 600 KB of nesting inside one reach the parser (and past the worker's heap).
const rawText = new Set(['script', 'style', 'textarea', 'title', 'xmp']);

/** Throws a ParseError when the page nests deeper than MAX_HTML_DEPTH or has more than MAX_HTML_ELEMENTS elements. */
export function checkHtmlComplexity(html: string): void {
  let depth = 0;
  let elements = 0;
  let lower: string | undefined; // made once, on the first raw-text element

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
        if (!notNesting.has(name) && depth > 0) depth--;
      } else {
        if (++elements > MAX_HTML_ELEMENTS) throw new ParseError(`The page is too complex to read: more than ${MAX_HTML_ELEMENTS.toLocaleString('en')} elements.`);
        if (rawText.has(name)) {
          lower ??= html.toLowerCase();
          const close = lower.indexOf(`</${name}`, end);
          if (close === -1) return;
          at = html.indexOf('<', close + 2);
          continue;
        }
        if (!notNesting.has(name) && html[end - 1] !== '/' && ++depth > MAX_HTML_DEPTH) {
          throw new ParseError(`The page is too complex to read: elements nested deeper than ${MAX_HTML_DEPTH.toLocaleString('en')}.`);
        }
      }
    }
    at = html.indexOf('<', end + 1);
  }
}
