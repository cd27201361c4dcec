// The `articleBody` a page declares in JSON-LD, as paragraphs. Used only when reading the page itself found much
// less text (a script-rendered page whose HTML is an empty shell): the declared body is often cut to a few hundred
// characters or flattened into one line, so it never replaces a good reading.
import { decodeHTML } from 'entities';
import { parseHtmlTree } from './html-tree.js';
import { renderParagraphs } from './content-text.js';

const minimumLength = 500;

export function jsonLdParagraphs(body: string | undefined): string[] | undefined {
  if (!body || body.length < minimumLength) return undefined;
  let paragraphs: string[];
  if (/<\/?(p|br|div|h[1-6]|li)\b/i.test(body)) {
    const page = parseHtmlTree(body);
    paragraphs = renderParagraphs([page.root], new Set()).map((p) => p.text);
  } else {
    paragraphs = decodeHTML(body)
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  }
  return paragraphs.join('').length >= minimumLength ? paragraphs : undefined;
}

/** Whether the declared body should replace what was read from the page. */
export function preferJsonLdBody(pageText: string, declared: string[] | undefined): declared is string[] {
  if (!declared) return false;
  const declaredLength = declared.reduce((n, p) => n + p.length, 0);
  return pageText.length < declaredLength * 0.5;
}
