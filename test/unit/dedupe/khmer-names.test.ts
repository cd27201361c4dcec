// A Khmer report joins the English story of the same event (ADR 5, "Across languages"). Khmer has no capitals and no
// spaces between words, and no dictionary to tell a name from a word, so its names are the chunks after a person's
// title (លោក, សម្ដេច, ឯកឧត្តម), and CLDR's cities; their keys are the English spelling's. The articles go through the
// pipeline's own finishing step (tags, countries, terms) and the store, as a polled feed's would.
import { describe, expect, it } from 'vitest';
import { finishArticle } from '../../../src/pipeline/article-steps.js';
import { khmerNames } from '../../../src/pipeline/dedupe/khmer-names.js';
import { nameKey, neutralTerms } from '../../../src/pipeline/dedupe/name-keys.js';
import { joinsTheEnglishStory } from '../../helpers/cross-language-join.js';
import { crossingInKhmer, declarationInKhmer, otherKhmerNews } from '../../helpers/khmer-reports.js';
import { declarationInEnglish } from '../../helpers/thai-reports.js';

let counter = 0;
/** An article as the pipeline finishes it: tags, countries and clustering terms from its title and text. */
const finished = (a: { title: string; text: string; language: string }) =>
  finishArticle({ ...a, url: `https://news.example/km/${++counter}`, sourceName: 'Example' }, [a.text]);

const background = [
  { title: 'Central bank holds interest rates steady as inflation eases', text: 'The central bank kept rates unchanged on Tuesday, citing slower inflation.', language: 'en' },
  { title: 'Storm knocks out power to thousands along the coast', text: 'Crews worked overnight to restore power after the storm brought down lines.', language: 'en' },
  ...otherKhmerNews,
];

describe('Khmer names', () => {
  it('keys a name in Khmer as its English spelling', () => {
    const pairs: [string, string][] = [
      ['ពូទីន', 'Putin'],
      ['អនុទិន', 'Anutin'],
      ['ម៉ាណែត', 'Manet'],
      ['បៃដិន', 'Biden'],
      ['ណេតាន់យ៉ាហ៊ូ', 'Netanyahu'],
      ['អ៊ីប្រាហ៊ីម', 'Ibrahim'],
      ['ថាក់ស៊ីន', 'Thaksin'],
      ['ស៊ីណាវ៉ាត្រ', 'Shinawatra'],
      ['ភូមិថាំ', 'Phumtham'],
      ['ឡាវរ៉ូវ', 'Lavrov'],
      ['សុខុន', 'Sokhonn'],
      ['សុជាតា', 'Socheata'],
      // ហ over ស, គ is a foreign z, g; ប with ៉ is p.
      ['ហ្សេលេនស្គី', 'Zelensky'],
      ['អែរដូហ្គាន', 'Erdogan'],
      ['ប៉ែថងថាន', 'Paetongtarn'],
    ];
    for (const [khmer, english] of pairs) expect([khmer, nameKey(khmer)]).toEqual([khmer, nameKey(english)]);
  });

  it('takes the chunks after a title for the name, each up to a function word', () => {
    // Samdech with an honorific against it, the name's two parts apart, an office after them.
    expect(khmerNames('សម្ដេចមហាបវរធិបតី ហ៊ុន ម៉ាណែត នាយករដ្ឋមន្ត្រីកម្ពុជា')).toEqual([['ហ៊ុន', 'ម៉ាណែត']]);
    // A title at the end of a chunk ("and Mr"), a name of one part with the sentence going on after it.
    expect(khmerNames('និងលោក អនុទិន បានថ្លែងថា')).toEqual([['អនុទិន']]);
    expect(khmerNames('លោកស្រី ម៉ាលី សុជាតា អ្នកនាំពាក្យ')).toEqual([['ម៉ាលី', 'សុជាតា']]);
    expect(khmerNames('ឯកឧត្តម ប្រាក់ សុខុនបានប្រាប់')).toEqual([['ប្រាក់', 'សុខុន']]);
    // Punctuation ends a name: "Netanyahu: Israel will…".
    expect(khmerNames('លោក ណេតាន់យ៉ាហ៊ូ៖ អ៊ីស្រាអែលនឹងរក្សា')).toEqual([['ណេតាន់យ៉ាហ៊ូ']]);
  });

  it('does not take words for names', () => {
    // លោក against the words after it is "he"; an office announces no name (a country follows it as often); a title
    // followed by another title or a function word.
    expect(khmerNames('លោកបានថ្លែងថា កិច្ចព្រមព្រៀងនេះនឹងត្រូវអនុវត្ត')).toEqual([]);
    expect(khmerNames('នាយករដ្ឋមន្ត្រី កម្ពុជា បានថ្លែង')).toEqual([]);
    expect(khmerNames('លោក បានថ្លែងថា')).toEqual([]);
    // A phrase after a one-part name is longer than a name's part: "Anutin suspends the peace declaration".
    expect(khmerNames('លោក អនុទិន ផ្អាកសេចក្ដីប្រកាសសន្តិភាព')).toEqual([['អនុទិន']]);
    expect(khmerNames('អ្នកឧកញ៉ា លោកជំទាវ ប្រធានាធិបតីពូទីន')).toEqual([]);
  });

  it('keys a city CLDR names in Khmer by its English name, and reads Khmer digits', () => {
    expect(neutralTerms('មេដឹកនាំទាំងពីរបានជួបគ្នានៅក្រុងបាងកក កាលពីម្សិលមិញ', new Set()).terms).toEqual([nameKey('Bangkok')]);
    expect(neutralTerms('ទាហាន ១៨ នាក់ ក្នុងឆ្នាំ២០២៥', new Set()).terms).toEqual(['#18']);
  });

  it('gives a Khmer report the countries, names and numbers its English counterpart has', () => {
    const terms = (a: { title: string; text: string; language: string }) => Object.keys(finished(a).terms).filter((t) => /^[~#@]/.test(t));
    const english = terms(declarationInEnglish);
    const khmer = terms(declarationInKhmer);
    expect(english.filter((t) => khmer.includes(t))).toEqual(expect.arrayContaining(['@th', '@kh', '~ntn', '~mnt', '~brh', '#18']));
  });

  joinsTheEnglishStory({ language: 'Khmer', english: declarationInEnglish, sameEvent: declarationInKhmer, otherEvent: crossingInKhmer, background, finished });
});
