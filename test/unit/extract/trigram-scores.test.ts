import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { francAll } from 'franc-min';
import { languageScores } from '../../../src/pipeline/extract/trigram-scores.js';

// languageScores re-implements franc-min's scoring for speed and must answer exactly as franc does: same
// languages, same order, same floating-point scores. The bench's texts in 25 languages, cut at the lengths the
// language check uses and around franc's limits, with and without the allowed-language list it passes.
const texts = readFileSync(new URL('../../../bench/data/languages.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);
const commonLatin = ['eng', 'spa', 'por', 'fra', 'deu', 'ita', 'nld', 'pol', 'tur', 'ind', 'zlm', 'vie', 'ron', 'hun', 'ces', 'swe', 'hrv', 'srp', 'bos', 'tgl', 'swh'];
const oddities = [
  '',
  'short',
  '1234567890 1234567890 !!! ???',
  'İSTANBUL İZMİR ıiİI straße STRASSE ǅemal',
  'Ελληνικά κείμενα εδώ για δοκιμή της γλώσσας',
  'สวัสดีครับ ผมชื่อสมชาย ยินดีที่ได้รู้จัก',
  '한국어 텍스트입니다 여기에 조금 더 씁니다',
  '中文文本在这里测试一下语言识别',
  'constructor __proto__ hasOwnProperty toString valueOf',
  'Mixed “quotes” — dashes… and emoji 😀😀 in an English sentence about the weather today.',
];

describe('languageScores', () => {
  it('equals francAll on texts in many languages and scripts', () => {
    let compared = 0;
    for (const text of [...texts, ...oddities]) {
      for (const length of [39, 40, 300, 500, 1000, 2100]) {
        const sample = text.slice(0, length);
        for (const options of [{ minLength: 40 }, { minLength: 40, only: commonLatin }, {}, { only: ['rus', 'ell'] }]) {
          expect(languageScores(sample, options), `${JSON.stringify(options)} ${sample.slice(0, 60)}`).toEqual(francAll(sample, options));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(8000);
  });
});
