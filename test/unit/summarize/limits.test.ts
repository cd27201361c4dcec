import { describe, expect, it } from 'vitest';
import { joinSummary, joinedLength, MAX_SUMMARY_CHARS } from '../../../src/pipeline/summarize/limits.js';

const sentence = (n: number, word = 'word'): string => `${Array.from({ length: n }, () => word).join(' ')}.`;

describe('joinSummary', () => {
  it('joins whole sentences with one space', () => {
    expect(joinSummary(['First one.', '  Second\n one. ', 'Third.'])).toBe('First one. Second one. Third.');
  });

  it('joins CJK sentences without a space', () => {
    expect(joinSummary(['今天天气很好。', '我们去公园吧！'])).toBe('今天天气很好。我们去公园吧！');
    expect(joinSummary(['今天天气很好。', 'Then English.'])).toBe('今天天气很好。 Then English.');
  });

  it('stops before the first sentence that would pass 600 characters, never cutting it', () => {
    const a = sentence(50); // 250 chars
    const b = sentence(60); // 300 chars
    const c = sentence(20);
    const joined = joinSummary([a, b, c]);
    expect(joined).toBe(`${a} ${b}`);
    expect(joined.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  });

  it('shortens a single over-long first sentence at a word boundary with an ellipsis', () => {
    const giant = sentence(400, 'abcdef');
    const joined = joinSummary([giant, 'Short one.']);
    expect(joined.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined).toMatch(/^(abcdef )+abcdef…$/);
  });

  it('never leaves half a surrogate pair when shortening text without spaces', () => {
    const emoji = '😀'.repeat(400);
    const joined = joinSummary([emoji]);
    expect(joined.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(joined).toMatch(/^(😀)+…$/u);
  });

  it('stays within 600 characters for any mix of sentence lengths', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let run = 0; run < 300; run++) {
      const sentences = Array.from({ length: 1 + Math.floor(random() * 6) }, () => sentence(1 + Math.floor(random() * 150), random() < 0.2 ? '字' : 'ab'));
      const joined = joinSummary(sentences);
      expect(joined.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
      if (!joined.endsWith('…')) {
        // A prefix of the sentences, each whole.
        const count = sentences.findIndex((_, i) => joinedLength(sentences.slice(0, i + 1)) > MAX_SUMMARY_CHARS);
        const kept = count === -1 ? sentences : sentences.slice(0, count);
        expect(joined.length).toBe(joinedLength(kept));
        for (const s of kept) expect(joined).toContain(s);
      }
    }
  });

  it('returns an empty string for no sentences', () => {
    expect(joinSummary([])).toBe('');
    expect(joinSummary(['  ', ''])).toBe('');
  });
});
