// The article's main text: pick the content elements, clean them, render paragraphs, drop furniture. Like
// Readability, a result under 500 characters is retried with fewer rules (unlikely-looking classes kept, then class
// weights ignored, then no conditional cleaning) and the longest attempt wins.
import type { HtmlElement } from './html-tree.js';
import { selectContent } from './content-candidates.js';
import { newPass, type ContentFlags, type ContentPass } from './content-pass.js';
import { cleanContent } from './content-clean.js';
import { renderParagraphs, type Paragraph } from './content-text.js';
import { dropFurnitureParagraphs } from './content-furniture.js';

export interface MainText {
  paragraphs: Paragraph[];
  /** Text of the byline element set aside while reading, if any. */
  byline: string | undefined;
}

const attempts: ContentFlags[] = [
  { stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];

const enoughCharacters = 500;

/** `site` is the page's registrable domain (`courier.example`), to tell links to other stories from links out. */
export function findMainText(root: HtmlElement, title: string, site: string): MainText {
  let best: { paragraphs: Paragraph[]; length: number; pass: ContentPass } | undefined;
  for (const flags of attempts) {
    const pass = newPass(flags);
    const selected = selectContent(root, pass, title);
    cleanContent(selected, pass);
    const rendered = renderParagraphs(selected, pass.removed);
    const paragraphs = dropFurnitureParagraphs(rendered, title, site);
    // Judged like Readability would: on the text before our own furniture rules took their share.
    const length = rendered.reduce((n, p) => n + p.text.length, 0) + pass.furnitureChars;
    if (!best || length > best.length) best = { paragraphs, length, pass };
    if (length >= enoughCharacters) break;
  }
  return { paragraphs: best!.paragraphs, byline: best!.pass.byline };
}
