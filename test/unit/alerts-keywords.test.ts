// Keyword follows read an article the way the filter language does (src/ingest/alert-keywords.ts): the
// words offered to the database as first words cover every word the filter matcher sees — in the region's
// languages too — and a phrase counts only as whole words in a row.
import { describe, expect, it } from 'vitest';
import { alertKeywords } from '../../src/ingest/alert-keywords.js';
import { tokenize } from '../../src/pipeline/tag/text.js';
import { keywordWords } from '../../src/discord/commands/follow.js';
import { languageTexts } from '../helpers/language-texts.js';
import { fixtureText, seedTexts } from '../helpers/news-site.js';

describe('keyword follows', () => {
  it('offer every word the filter matcher reads as a first word to look up, in English and in long pages', () => {
    const seeds = seedTexts();
    for (const text of [fixtureText('cop29-baku.txt'), fixtureText('oc-media-yekaterinburg.txt'), seeds.aljazeera, seeds.alarabiya, seeds.forum]) {
      const words = new Set(alertKeywords({ title: 'Title', text }).words());
      const missing = tokenize(`Title\n${text}`).map((t) => t.key).filter((k) => !words.has(k));
      expect(missing).toEqual([]);
    }
  });

  it('offer the words of texts in the region’s languages (all but a rare Thai vowel that folds into the next word)', () => {
    let words = 0;
    const missing: string[] = [];
    for (const [language, , text] of languageTexts) {
      const offered = new Set(alertKeywords({ title: '', text }).words());
      for (const key of new Set(tokenize(`\n${text}`).map((t) => t.key))) {
        words++;
        if (!offered.has(key)) missing.push(`${language}: ${key}`);
      }
    }
    expect(missing.length).toBeLessThanOrEqual(1);
    expect(words).toBeGreaterThan(300);
  });

  it('match a phrase only as whole words in a row, any case and accents', () => {
    const article = alertKeywords({ title: 'Ships on the Black Sea', text: 'The sea was black with oil. Blackseas is a brand. Café owners in Tbilisi protested.' });
    // As the database asks it (src/db/alert-fanout.ts): the follow's words, between spaces, in the words in order.
    const has = (words: string[]) => ` ${article.sequence()} `.includes(` ${words.join(' ')} `);
    expect(has(keywordWords('"black sea"'))).toBe(true);
    expect(has(keywordWords('black sea'))).toBe(true);
    expect(has(keywordWords('sea black'))).toBe(false);
    expect(has(keywordWords('oil'))).toBe(true);
    expect(has(keywordWords('blacksea'))).toBe(false);
    expect(has(keywordWords('CAFE'))).toBe(true);
    expect(has(keywordWords('caf'))).toBe(false);
  });

  it('match a phrase within the title or the text, and a common word in capitals only where written so', () => {
    const article = alertKeywords({ title: 'Ministers meet on gas', text: 'Deal is near, the WHO and officials who met said. Join us.' });
    const has = (words: string[]) => ` ${article.sequence()} `.includes(` ${words.join(' ')} `) && article.words().includes(words[0]!);
    expect(has(keywordWords('"gas deal"'))).toBe(false);
    expect(has(keywordWords('"deal is near"'))).toBe(true);
    expect(has(keywordWords('WHO'))).toBe(true);
    expect(has(keywordWords('"the WHO"'))).toBe(true);
    expect(has(keywordWords('"officials WHO"'))).toBe(false);
    expect(has(keywordWords('"officials who"'))).toBe(true);
    expect(has(keywordWords('US'))).toBe(false);
    expect(has(keywordWords('us'))).toBe(true);
  });

  it('store a keyword as the filter language reads it, and refuse what is not one', () => {
    expect(keywordWords('“Nagorno-Karabakh”')).toEqual(['nagorno', 'karabakh']);
    expect(keywordWords('U.S. sanctions')).toEqual(['US', 'sanctions']);
    expect(keywordWords('u.s. sanctions')).toEqual(['us', 'sanctions']);
    expect(keywordWords('边境口岸').length).toBeGreaterThan(0);
    expect(keywordWords('"  "')).toEqual([]);
    expect(() => keywordWords('one two three four five six seven eight nine')).toThrow(expect.objectContaining({ code: 'limit' }));
  });
});
