// Renders kept article elements as plain text: one paragraph per block element, `<br>` as a line break inside a
// paragraph, table cells separated by spaces so words in adjacent cells never run together.
import type { HtmlElement } from './html-tree.js';
import { blockTags } from './content-patterns.js';

export interface Paragraph {
  text: string;
  /** The block element the paragraph came from (its nearest block ancestor). */
  element: HtmlElement;
  /** Characters of the paragraph inside links (a headline list is mostly links). */
  linkChars: number;
  /** The `href`s of those links, as written. */
  links: string[];
}

export function renderParagraphs(selected: HtmlElement[], removed: Set<HtmlElement>): Paragraph[] {
  const out: Paragraph[] = [];
  let parts: string[] = [];
  let owner: HtmlElement | null = null;
  let preDepth = 0;
  let linkDepth = 0;
  let linkChars = 0;
  let links: string[] = [];

  const flush = (): void => {
    if (parts.length && owner) {
      const raw = parts.join('');
      const text = preDepth > 0 || owner.tag === 'pre' ? raw.replace(/^\n+/, '').trimEnd() : tidy(raw);
      if (text) out.push({ text, element: owner, linkChars: Math.min(linkChars, text.length), links });
    }
    parts = [];
    linkChars = 0;
    links = [];
  };

  const visit = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (typeof child === 'string') {
        parts.push(child);
        if (linkDepth > 0) linkChars += child.trim().length;
        continue;
      }
      if (removed.has(child)) continue;
      const tag = child.tag;
      if (tag === 'br') {
        parts.push('\n');
        continue;
      }
      if (tag === 'td' || tag === 'th') {
        parts.push(' ');
        visit(child);
        parts.push(' ');
        continue;
      }
      if (blockTags.has(tag)) {
        flush();
        const saved = owner;
        owner = child;
        if (tag === 'pre') preDepth++;
        visit(child);
        flush();
        if (tag === 'pre') preDepth--;
        owner = saved;
        continue;
      }
      if (tag === 'a') {
        linkDepth++;
        if (child.attrs.href) links.push(child.attrs.href);
      }
      visit(child);
      if (tag === 'a') linkDepth--;
    }
  };

  for (const el of selected) {
    if (removed.has(el)) continue;
    flush();
    owner = el;
    if (el.tag === 'br') continue;
    visit(el);
    flush();
  }
  return out;
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
