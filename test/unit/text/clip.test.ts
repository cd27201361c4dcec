// Text cut to a limit (Discord's sizes, a translation's) never breaks a character and, where it can, falls between
// words, also in the scripts that write no spaces (src/text/clip.ts).
import { describe, expect, it } from 'vitest';
import { clip } from '../../../src/discord/reply.js';
import { label } from '../../../src/discord/autocomplete/choices.js';
import { fallbackTitle } from '../../../src/pipeline/parse/text.js';
import { clipPhrase, clipText, graphemePrefix } from '../../../src/text/clip.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('clipping text', () => {
  it('keeps text that fits, and cuts English at a word with an ellipsis', () => {
    expect(clipText('short', 12)).toBe('short');
    expect(clipText('one two three four', 12)).toBe('one two…');
    expect(clip('The quick brown fox jumps over the lazy dog', 20)).toBe('The quick brown fox…');
  });

  it('never leaves half an emoji or a flag', () => {
    const text = `${'A'.repeat(97)} 🇬🇪 Georgia`;
    for (const max of [98, 99, 100, 101, 102]) {
      const cut = label(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(loneSurrogate);
    }
    expect(graphemePrefix('ab😀', 3)).toBe('ab');
    expect(graphemePrefix('ab🇬🇪c', 5)).toBe('ab');
  });

  it('cuts Khmer, Burmese and Thai between words, never between a letter and its marks', () => {
    // "News from Cambodia and Thailand about the agreement": ICU's dictionary knows where its words end.
    const khmer = 'ព័ត៌មានថ្មីពីកម្ពុជានិងថៃអំពីកិច្ចព្រមព្រៀង';
    expect(clipText(khmer, 30)).toBe('ព័ត៌មានថ្មីពីកម្ពុជានិងថៃអំពី…');
    const burmese = 'မြန်မာနိုင်ငံရွေးကောက်ပွဲ';
    expect(clipText(burmese, 20)).toBe('မြန်မာနိုင်ငံ…');
    const thai = 'ข่าวการเมืองไทยวันนี้ข่าวการเมืองไทยวันนี้';
    expect(clipText(thai, 25)).toBe('ข่าวการเมืองไทยวันนี้…');
    // With no word boundary far enough in, the cut still ends on a whole character: no coeng (U+17D2) or virama
    // (U+1039) left dangling, no vowel sign torn from its letter.
    for (let max = 5; max < khmer.length; max++) {
      const cut = clipText(khmer, max, 1).slice(0, -1);
      expect(cut).not.toMatch(/[\u17d2]$/u);
      expect(khmer.startsWith(cut)).toBe(true);
      expect(/^\p{M}/u.test(khmer.slice(cut.length))).toBe(false);
    }
  });

  it('cuts a title or a sentence at a word, without a dangling comma or dash before the ellipsis', () => {
    const s = clipPhrase('Azerbaijan is openly challenging Russian influence in the South Caucasus', 40);
    expect(s).toBe('Azerbaijan is openly challenging…');
    expect(s.length).toBeLessThanOrEqual(40);
    expect(clipPhrase('Short enough', 40)).toBe('Short enough');
    expect(clipPhrase('Talks resume in Vienna, officials say', 25)).toBe('Talks resume in Vienna…');
  });

  it('makes titles from text without half an emoji or a Thai letter torn from its vowel sign', () => {
    for (const max of [119, 120, 121]) {
      const emoji = fallbackTitle('😀'.repeat(70), max);
      expect(emoji.length).toBeLessThanOrEqual(max);
      expect(emoji).not.toMatch(loneSurrogate);
    }
    const thai = 'ข่าวการเมืองไทยวันนี้รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วม'.repeat(3);
    for (let max = 20; max < 130; max++) {
      const kept = fallbackTitle(thai, max).slice(0, -1);
      expect(thai.startsWith(kept)).toBe(true);
      expect(thai.slice(kept.length)).not.toMatch(/^\p{M}/u);
    }
  });
});
