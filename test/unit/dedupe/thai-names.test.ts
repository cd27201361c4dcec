// A Thai report joins the English story of the same event (ADR 5, "Across languages"). Thai has no capitals and no
// spaces between words, so its names are what follows a person's title (นาย, สมเด็จ, น.ส.), the surname after them,
// and CLDR's cities; their keys are the English spelling's. The articles go through the pipeline's own finishing step
// (tags, countries, terms) and the store, as a polled feed's would.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { finishArticle } from '../../../src/pipeline/article-steps.js';
import { nameKey, neutralTerms } from '../../../src/pipeline/dedupe/name-keys.js';
import { thaiNames } from '../../../src/pipeline/dedupe/thai-names.js';
import { joinsTheEnglishStory } from '../../helpers/cross-language-join.js';
import { crossingInThai, declarationInEnglish, declarationInThai, otherThaiNews } from '../../helpers/thai-reports.js';

const thaiStopwords = new Set((createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>).th);

let counter = 0;
/** An article as the pipeline finishes it: tags, countries and clustering terms from its title and text. */
const finished = (a: { title: string; text: string; language: string }) =>
  finishArticle({ ...a, url: `https://news.example/th/${++counter}`, sourceName: 'Example' }, [a.text]);

const background = [
  { title: 'Central bank holds interest rates steady as inflation eases', text: 'The central bank kept rates unchanged on Tuesday, citing slower inflation.', language: 'en' },
  { title: 'Storm knocks out power to thousands along the coast', text: 'Crews worked overnight to restore power after the storm brought down lines.', language: 'en' },
  ...otherThaiNews,
];

describe('Thai names', () => {
  it('keys a name in Thai as its English spelling', () => {
    const pairs: [string, string][] = [
      ['ทรัมป์', 'Trump'], // English t is Thai ท, read th
      ['อนุทิน', 'Anutin'],
      ['ทักษิณ', 'Thaksin'], // Thai ท is th in English
      ['ภูมิธรรม', 'Phumtham'], // รร is a vowel
      ['ปูติน', 'Putin'],
      ['มาเนต', 'Manet'],
      ['ไบเดน', 'Biden'],
      ['เนทันยาฮู', 'Netanyahu'],
      ['อันวาร์', 'Anwar'],
      ['อิบราฮิม', 'Ibrahim'],
      ['โดนัลด์', 'Donald'],
      ['มาริษ', 'Maris'],
    ];
    for (const [thai, english] of pairs) expect([thai, nameKey(thai)]).toEqual([thai, nameKey(english)]);
    expect(nameKey('ทรัมป์')).toBe('~trmp');
    // English th and the t of the scripts that have no th are one sound to the key.
    expect(nameKey('Томас')).toBe(nameKey('Thomas'));
  });

  it('takes the words after a title for a name, with the surname that follows', () => {
    expect(thaiNames('นายอนุทิน ชาญวีรกูล นายกรัฐมนตรี กล่าวว่า', thaiStopwords)).toEqual([['อนุทิน', 'ชาญวีรกูล']]);
    // No space after the name: it ends at the first function word.
    expect(thaiNames('นายอนุทินกล่าวว่าข้อตกลงจะดำเนินการเป็นขั้นตอน', thaiStopwords)).toEqual([['อนุทิน']]);
    // Samdech and an abbreviated Miss (น.ส.), which ICU reads as one word with the name's first syllable.
    expect(thaiNames('สมเด็จฮุน มาเนต ระบุว่า', thaiStopwords)).toEqual([['ฮุน', 'มาเนต']]);
    expect(thaiNames('น.ส.แพทองธาร ชินวัตร เดินทางถึง', thaiStopwords)).toEqual([['แพทองธาร', 'ชินวัตร']]);
    // After an office, a name the dictionary lists or does not know; not a country.
    expect(thaiNames('ประธานาธิบดีปูติน เดินทางถึง', thaiStopwords)).toEqual([['ปูติน']]);
    expect(thaiNames('นายกรัฐมนตรีกัมพูชา และประธานาธิบดีสหรัฐ', thaiStopwords)).toEqual([]);
  });

  it('does not take words for names', () => {
    // นาย in นายกรัฐมนตรี is no title; นาย counting soldiers is followed by no name; a sentence that goes on after a
    // name is no surname.
    expect(thaiNames('นายกรัฐมนตรีเดินทางไปชายแดน', thaiStopwords)).toEqual([]);
    expect(thaiNames('ทหารกัมพูชา 18 นาย ที่ถูกควบคุมตัว', thaiStopwords)).toEqual([]);
    expect(thaiNames('นายอนุทิน เดินทางไปชายแดน', thaiStopwords)).toEqual([['อนุทิน']]);
    expect(thaiNames('ประธานาธิบดีสหรัฐ และนายอันวาร์ อิบราฮิม', thaiStopwords)).toEqual([['อันวาร์', 'อิบราฮิม']]);
  });

  it('keys a city CLDR names in Thai by its English name', () => {
    expect(neutralTerms('ผู้นำทั้งสองพบกันที่กรุงเทพฯ เมื่อวานนี้', thaiStopwords).terms).toEqual([nameKey('Bangkok')]);
  });

  it('gives a Thai report the countries, names and numbers its English counterpart has', () => {
    const terms = (a: { title: string; text: string; language: string }) => Object.keys(finished(a).terms).filter((t) => /^[~#@]/.test(t));
    const english = terms(declarationInEnglish);
    const thai = terms(declarationInThai);
    expect(thai).toEqual(expect.arrayContaining(['@th', '@kh', '~ntn', '~mnt', '#18']));
    expect(english.filter((t) => thai.includes(t))).toEqual(expect.arrayContaining(['@th', '@kh', '~ntn', '~mnt', '#18']));
  });

  joinsTheEnglishStory({ language: 'Thai', english: declarationInEnglish, sameEvent: declarationInThai, otherEvent: crossingInThai, background, finished });
});
