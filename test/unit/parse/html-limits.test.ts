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

  it('is linear on text full of unfinished tags', () => {
    expect(refusal('<a '.repeat(300_000))).toBeNull();
    expect(refusal('<div '.repeat(300_000))).toBeNull();
  });
});
