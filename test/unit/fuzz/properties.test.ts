// Property-based fuzzing (fast-check, fixed seed so CI runs are repeatable) of the stages that read what sources
// send: whatever the input, they return or refuse in words, never crash, and keep their own guarantees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/errors.js';
import { parseDate } from '../../../src/pipeline/dates/parse-date.js';
import { extractArticle } from '../../../src/pipeline/extract/index.js';
import { parseSource } from '../../../src/pipeline/parse/index.js';
import { cleanTitle, htmlToText } from '../../../src/pipeline/parse/text.js';
import { splitSentences } from '../../../src/pipeline/summarize/sentences.js';
import { MAX_TAG_LENGTH, normalizeTag } from '../../../src/pipeline/tag/index.js';

const settings = { seed: 20261204, numRuns: 300 };
const context = { fetchedAt: new Date('2025-07-11T08:00:00Z'), timezone: 'Asia/Baku', dayFirst: true };

// Markup built from the pieces hostile and broken pages are made of.
const piece = fc.constantFrom(
  '<div>', '</div>', '<p>', '</p>', '<a href="/x">', '</a>', '<script>', '</script>', '<!--', '-->', '<br>', '<h1>', '</h1>',
  '<article>', '</article>', '<item>', '</item>', '<title>', '</title>', '<link>', '</link>', '<pubDate>', '</pubDate>',
  '<![CDATA[', ']]>', '&amp;', '&#x1F600;', '&lt;a ', 'Mr. ', 'U.S. ', '»', '”', '. ', '\n\n', '10 July 2025', '2025年7月10日',
  'вчера', 'الحدود', 'ทำ', 'Cambodia accuses Thailand of border tensions. ', '<rss version="2.0"><channel>', '</channel></rss>',
);
const markup = fc.array(fc.oneof(piece, fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 })), { maxLength: 120 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }), markup);

/** Runs `f`; an exception must be a refusal in words (a UserError), nothing else. */
const refusesInWords = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (!isUserError(error)) throw error;
  }
};

describe('fuzzing what sources send', () => {
  it('parseDate returns a sane date or nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const d = parseDate(text, context);
        if (d) {
          expect(Number.isNaN(d.getTime())).toBe(false);
          expect(d.getTime()).toBeLessThanOrEqual(context.fetchedAt.getTime() + 2 * 864e5);
        }
      }),
      settings,
    );
  });

  it('splitSentences returns non-empty sentences made of the input’s words', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const sentences = splitSentences(text);
        const words = new Set(text.split(/\s+/).filter(Boolean));
        for (const s of sentences) {
          expect(s.trim().length).toBeGreaterThan(0);
          for (const w of s.split(/\s+/).filter(Boolean)) expect(words.has(w) || text.includes(w)).toBe(true);
        }
      }),
      settings,
    );
  });

  it('normalizeTag is idempotent, bounded and free of invisible characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tag = normalizeTag(text);
        expect(normalizeTag(tag)).toBe(tag);
        expect(tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
        expect(tag).not.toMatch(/\p{Cf}/u);
      }),
      settings,
    );
  });

  it('htmlToText and cleanTitle leave no tags and never grow the text', () => {
    fc.assert(
      // Without entities: "&lt;a&gt;" rightly decodes to the text "<a>", which is not a tag.
      fc.property(markup.map((m) => m.replace(/&/g, '')), (html) => {
        const text = htmlToText(html);
        expect(text.length).toBeLessThanOrEqual(html.length);
        expect(text).not.toMatch(/<\/?(?:div|p|a|script|article)\b[^>]*>/i);
        expect((cleanTitle(html) ?? '').length).toBeLessThanOrEqual(html.length);
      }),
      settings,
    );
  });

  it('parseSource reads any document or refuses it in words', () => {
    const types = fc.constantFrom('application/rss+xml', 'text/html', 'application/json', 'text/plain', 'application/atom+xml');
    fc.assert(
      fc.property(markup, types, (body, contentType) => {
        refusesInWords(() =>
          parseSource({ requestedUrl: 'https://news.example/x', url: 'https://news.example/x', status: 200, notModified: false, contentType, body, fetchedAt: context.fetchedAt }, { dates: context }),
        );
      }),
      settings,
    );
  });

  it('extractArticle extracts or says the page is not an article', () => {
    fc.assert(
      fc.property(markup, (html) => {
        refusesInWords(() => extractArticle(html, 'https://news.example/2025/07/10/story', context));
      }),
      settings,
    );
  });
});
