import { describe, expect, it } from 'vitest';
import { isUnspacedRun, joinWords, segmentWords } from '../../../src/text/unspaced.js';
import { languageTexts } from '../../helpers/language-texts.js';

const unspaced = (code: string) => languageTexts.find(([, c]) => c === code)![2].replace(/\s+/g, '');
const plainWords = (run: string) => [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(run)].filter((s) => s.isWordLike).map((s) => ({ segment: s.segment, index: s.index }));

describe('segmentWords', () => {
  it('finds the words ICU finds in a run many windows long, where each is in the run', () => {
    for (const code of ['th', 'km', 'zh', 'ja']) {
      // A run without a single space, ~4 to 20 windows long.
      const run = unspaced(code).repeat(100);
      const words = [...segmentWords(run)];
      expect(words).toEqual(plainWords(run));
      for (const w of words) expect(run.slice(w.index, w.index + w.segment.length)).toBe(w.segment);
    }
  });

  it('gives plain words that do not hold the run: keeping them all costs their own letters', () => {
    // ICU's segments each carried a copy of their input: the segments of 20,000 Thai letters, kept, took ~400 MB.
    const [first] = segmentWords(unspaced('th'));
    expect(Object.keys(first!).sort()).toEqual(['index', 'segment']);
  });

  it('reads a long run of letters it has no word for, without skipping any', () => {
    const run = 'ก'.repeat(30_000);
    const total = [...segmentWords(run)].reduce((n, w) => n + w.segment.length, 0);
    expect(total).toBe(run.length);
  });
});

describe('words joined as their scripts write them', () => {
  it('leave no space between two words of a script without spaces, one elsewhere', () => {
    expect(joinWords(['习', '近平', 'covid', '疫苗', '|', 'กรุงเทพ', 'มหานคร', '2024', '年', 'ニュース', '速報'])).toBe('习近平 covid 疫苗 | กรุงเทพมหานคร 2024 年ニュース速報');
    expect(joinWords([])).toBe('');
    expect(isUnspacedRun(joinWords(['习', '近平']))).toBe(true);
    expect(isUnspacedRun(joinWords(['covid', '疫苗']))).toBe(false);
    expect(isUnspacedRun('tbilisi')).toBe(false);
  });
});
