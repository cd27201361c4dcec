// Hostile markup: unclosed tags, comments and scripts that took the old tag-stripping patterns minutes (each "<"
// rescanned the rest of the text), so a regression fails here on the runner's per-test timeout; linear code answers
// in milliseconds.
import { describe, expect, it } from 'vitest';
import { cleanTitle, htmlToText, looksLikeHtml } from '../../../src/pipeline/parse/text.js';

const N = 250_000;

describe('text helpers on hostile input', () => {
  it('cleans a title of "<a " × 250,000 quickly', () => {
    // 1 s at 33,000 before, growing quadratically.
    const title = '<a '.repeat(N);
    expect(cleanTitle(title)).toBe(title.trimEnd());
    expect(cleanTitle(`${title}>Real title`)).toBe('Real title');
    expect(cleanTitle('<!--'.repeat(N))).toBe('<!--'.repeat(N));
  });

  it('converts unclosed tags and comments to text quickly', () => {
    expect(htmlToText('<a '.repeat(N))).toBe('<a '.repeat(N).trimEnd());
    expect(htmlToText('<p '.repeat(N))).toBe('<p '.repeat(N).trimEnd());
    expect(htmlToText(`${'<!--'.repeat(N)}<p>kept</p>`)).toBe(`${'<!--'.repeat(N)}\n\nkept`);
  });

  it('drops script-like elements without rescanning for each unclosed one', () => {
    expect(htmlToText(`${'<script>'.repeat(N)}<p>kept</p>`)).toBe('kept');
    expect(htmlToText(`${'<style x="'.repeat(N)}`)).toBe('<style x="'.repeat(N));
    expect(htmlToText(`<p>a</p>${'<svg>'.repeat(N)}</SVG ><p>b</p>`)).toBe('a\n\nb');
  });

  it('keeps the same output on ordinary markup', () => {
    expect(htmlToText('<p>One &amp; <b>two</b></p><!-- c --><script>x()</script><p>Three<br>Four</p>')).toBe('One & two\n\nThree\n\nFour');
    expect(htmlToText('<div>a<Script type="t">if (a < b) x();</script\n>b</div><pre>c</pre>')).toBe('a b\n\nc');
    expect(htmlToText('a <!-- unclosed <b>b</b>')).toBe('a <!-- unclosed b');
    expect(htmlToText('<!-->x-->y')).toBe('y');
    expect(cleanTitle('  Baku &amp;amp; <i>Moscow</i><!-- x -->\n')).toBe('Baku & Moscow');
    expect(cleanTitle('1 < 2 <b>and</b> 3 > 2')).toBe('1 < 2 and 3 > 2');
  });

  it('tells HTML from text quickly', () => {
    expect(looksLikeHtml('<p '.repeat(N))).toBe(false);
    expect(looksLikeHtml(`${'<p '.repeat(N)}>`)).toBe(true);
    expect(looksLikeHtml('<pre>x</pre> and <span class="a">y</span>')).toBe(true);
    expect(looksLikeHtml('1 <pre 2')).toBe(false);
  });
});
