// Pages too deep or too big for a DOM are refused in words before linkedom builds one (its cost grows with the
// square of nesting depth: the hostile page below used to exhaust the bot's heap).
import { describe, expect, it } from 'vitest';
import { MAX_HTML_DEPTH, checkHtmlComplexity } from '../../../src/pipeline/parse/html-limits.js';
import { loadHtml } from '../../../src/pipeline/parse/html-doc.js';
import { isParseError } from '../../../src/pipeline/parse/errors.js';

const refusal = (html: string) => {
  try {
    checkHtmlComplexity(html);
    return null;
  } catch (error) {
    if (!isParseError(error)) throw error;
    return error.message;
  }
};

describe('checkHtmlComplexity', () => {
  it('refuses a page nested deeper than the limit, before any DOM is built', () => {
    const hostile = '<div><p>x '.repeat(100_000);
    expect(refusal(hostile)).toBe('The page is too complex to read: elements nested deeper than 1,000.');
    expect(() => loadHtml(hostile, 'https://example.org/')).toThrow(/too complex/);
  });

  it('refuses a page with too many elements even when flat', () => {
    expect(refusal('<span>x</span>'.repeat(200_001))).toMatch(/more than 200,000 elements/);
  });

  it('reads real-looking pages: unclosed paragraphs and list items, void elements, scripts with tags inside', () => {
    const page = `<html><head><script>if (a < b) document.write("<div><div><div>")</script><style>p>a{}</style></head><body>
      ${'<p>para <br><img src=x> <a href=y>link</a>'.repeat(5_000)}<ul>${'<li>item'.repeat(5_000)}</ul><!-- <div><div> -->
      ${'<div>'.repeat(MAX_HTML_DEPTH - 5)}deep${'</div>'.repeat(MAX_HTML_DEPTH - 5)}</body></html>`;
    expect(refusal(page)).toBeNull();
  });

  // The nesting the parser (htmlparser2) really builds: an element closes the open one only when it implies it, and
  // `<x/>` outside svg and math is `<x>`. Counted as never nesting, a 180 KB listing of `<p><li>` took 43 s to read.
  it('counts the nesting that optional end tags and self-closing syntax really make', () => {
    const deep = (piece: string) => piece.repeat(MAX_HTML_DEPTH);
    for (const hostile of [deep('<p><li>x '), deep('<colgroup>x '), deep('<thead>x '), deep('<div/>'), deep('<dd><li>')]) {
      expect(refusal(`<html><body>${hostile}`)).toBe('The page is too complex to read: elements nested deeper than 1,000.');
    }
    // What real pages do stays shallow: siblings that close each other, tables without end tags, svg's own `<path/>`.
    const table = `<table>${'<tr><td>a<td>b<th>c'.repeat(5_000)}</table>`;
    const lists = `<dl>${'<dt>term<dd>def'.repeat(5_000)}</dl><select>${'<option>o'.repeat(5_000)}</select>`;
    const icons = `<svg>${'<path d="M0"/>'.repeat(5_000)}</svg>${'<p>para'.repeat(5_000)}<div>${'<h2>t</h2><p>x'.repeat(2_000)}</div>`;
    expect(refusal(`<html><body>${table}${lists}${icons}</body></html>`)).toBeNull();
  });

  it('agrees with the parser on how deep a page nests', async () => {
    const { Parser } = await import('htmlparser2');
    const depthOf = (html: string) => {
      let depth = 0;
      let most = 0;
      const parser = new Parser({ onopentag: () => void (most = Math.max(most, ++depth)), onclosetag: () => void depth-- });
      parser.write(html);
      parser.end();
      return most;
    };
    const pages = ['<p><li>a<p><li>b', '<ul><li>a<li>b</ul><p>c<div>d</div>', '<table><tr><td>1<td>2<tr><td>3</table>', '<colgroup><colgroup>x', '<svg><g/><g/></svg><div/><div/>', '</p><p>x</span>'];
    for (const page of pages) {
      const limit = depthOf(page);
      // Refused exactly when the parser would nest deeper than the limit: the page repeated to just past it.
      const times = Math.ceil((MAX_HTML_DEPTH + 1) / Math.max(1, limit));
      const repeated = page.repeat(times);
      expect([page, refusal(repeated) !== null]).toEqual([page, depthOf(repeated) > MAX_HTML_DEPTH]);
    }
  });

  it('is linear on text full of unfinished tags', () => {
    expect(refusal('<a '.repeat(300_000))).toBeNull();
    expect(refusal('<div '.repeat(300_000))).toBeNull();
  });
});
