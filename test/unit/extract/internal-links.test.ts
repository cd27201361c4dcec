// A paragraph that is one headline link to this site is a teaser for another story and leaves the text; a headline
// link to another site (a shop, a source) stays. "This site" is the page's registrable domain, as hosts.ts reads it.
import { describe, expect, it } from 'vitest';
import { dropFurnitureParagraphs } from '../../../src/pipeline/extract/content-furniture.js';
import type { Paragraph } from '../../../src/pipeline/extract/content-text.js';
import type { HtmlElement } from '../../../src/pipeline/extract/html-tree.js';

const body: Paragraph = {
  text: 'The council approved the budget on Tuesday after a long debate about the cost of the new tram line.',
  element: { tag: 'p', attrs: {}, children: [], parent: null },
  linkChars: 0,
  links: [],
};

function headlineLink(href: string): Paragraph {
  const element: HtmlElement = { tag: 'p', attrs: {}, children: [], parent: null };
  const text = 'Mayor promises free trams for every pupil';
  return { text, element, linkChars: text.length, links: [href] };
}

/** Whether the headline link after a body paragraph survives on a page of `site`. */
function kept(href: string, site: string): boolean {
  return dropFurnitureParagraphs([body, headlineLink(href), body], 'Budget approved', site).length === 3;
}

describe('headline links to the same site', () => {
  it.each([
    ['/news/trams', 'courier.example'],
    ['trams.html', 'courier.example'],
    ['https://courier.example/news/trams', 'courier.example'],
    ['https://WWW.Courier.Example/news/trams', 'courier.example'],
    ['https://sport.courier.example/trams', 'courier.example'],
    ['//cdn.courier.example/trams', 'courier.example'],
    ['https://www.bbc.co.uk/news/trams', 'bbc.co.uk'],
    ['https://news.bbc.co.uk/trams', 'bbc.co.uk'],
  ])('drops %s on %s', (href, site) => {
    expect(kept(href, site)).toBe(false);
  });

  it.each([
    ['https://shop.example/trams', 'courier.example'],
    ['https://notcourier.example/trams', 'courier.example'],
    ['https://courier.example.evil.net/trams', 'courier.example'],
    ['//other.example/trams', 'courier.example'],
    ['https://itv.co.uk/news', 'bbc.co.uk'],
    ['mailto:desk@courier.example', 'courier.example'],
    ['https://courier.example/news/trams', ''],
  ])('keeps %s on %s', (href, site) => {
    expect(kept(href, site)).toBe(true);
  });
});
