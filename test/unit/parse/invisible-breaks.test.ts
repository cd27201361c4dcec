// Zero-width spaces are invisible line-break opportunities: Khmer, Burmese and Thai sites put one between every word,
// English ones inside long words and URLs. Text should read as the page shows it, so they are deleted, not spaced.
import { describe, expect, it } from 'vitest';
import { cleanTitle, collapseSpace, htmlToText } from '../../../src/pipeline/parse/text.js';

describe('zero-width breaks', () => {
  it('writes a Khmer, Burmese or Thai title without the gaps its readers never see', () => {
    expect(cleanTitle('កម្ពុជា\u200bនិង\u200bថៃ\u200bពិភាក្សា\u200bអំពី\u200bព្រំដែន')).toBe('កម្ពុជានិងថៃពិភាក្សាអំពីព្រំដែន');
    expect(cleanTitle('မြန်မာ\u200bနိုင်ငံ\u200bသတင်း')).toBe('မြန်မာနိုင်ငံသတင်း');
    expect(htmlToText('<p>กัมพูชา\u200bกล่าวหา\u200bไทย</p>')).toBe('กัมพูชากล่าวหาไทย');
  });

  it('keeps an English word or URL broken only for wrapping in one piece', () => {
    expect(htmlToText('<p>Read super\u200bcalifragilistic at https://example.com/\u200breports/\u200b2025</p>')).toBe(
      'Read supercalifragilistic at https://example.com/reports/2025',
    );
  });

  it('deletes word joiners and byte-order marks too, and leaves real spaces single', () => {
    expect(collapseSpace('\ufeffBaku\u2060 \u200b talks')).toBe('Baku talks');
    expect(collapseSpace('a\u00a0\u200b\u00a0b')).toBe('a b');
  });

  it('keeps the joiners that change how Persian and Hindi text is drawn', () => {
    expect(collapseSpace('می\u200cخواهم  क्\u200dष')).toBe('می\u200cخواهم क्\u200dष');
  });
});
