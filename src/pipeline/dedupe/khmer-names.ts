// Which Khmer words are names, for clustering across languages (name-keys.ts, docs/adr/0005-story-clustering.md).
// Khmer, like Thai, has no capitals and no spaces between words, and no Khmer dictionary is available to tell a name
// from a word; but Khmer news writes a person's title before the name at nearly every mention, and the name apart
// from the sentence with spaces: "សម្ដេចមហាបវរធិបតី ហ៊ុន ម៉ាណែត នាយករដ្ឋមន្ត្រីកម្ពុជា", "និងលោក ដូណាល់ ត្រាំ".
// So the one or two chunks after a chunk that ends with a person's title are the name, each up to a function word;
// a title with the name against it is not read (លោកបានថ្លែងថា: លោក is "he" too). The walk is titled-names.ts's.
import { citiesIn } from '../tag/localized-capitals.js';
import { namesAfterTitles, partsFrom, type TitledScript } from './titled-names.js';

export const khmerLetters = /\p{Script=Khmer}/u;
/** Khmer letters and signs, not its punctuation nor its digits. */
const onlyKhmerLetters = /^[\u1780-\u17D3\u17DD]+$/u;

// Both spellings of Samdech (ត or ដ below), with the honorifics Cambodia's leaders take after it: Techo (Hun Sen),
// Moha Bovor Thipadei and Thipadei (Hun Manet), Akka Moha Sena Padei Techo, Akka Moha Ponhea Chakrei (Heng Samrin),
// Krolahom (Sar Kheng).
const samdech = ['សម្តេច', 'សម្ដេច'].flatMap((s) => [s, ...['តេជោ', 'ធិបតី', 'មហាបវរធិបតី', 'អគ្គមហាសេនាបតីតេជោ', 'អគ្គមហាពញាចក្រី', 'ក្រឡាហោម'].map((h) => s + h)]);
// Mr, Mrs, Lok Chumteav, H.E., Oknha, Miss, Dr, His Majesty; generals (with their grades: ឯក, ទោ, ត្រី) and colonels.
const ranks = ['ឧត្តមសេនីយ៍', 'នាយឧត្តមសេនីយ៍', 'វរសេនីយ៍'].flatMap((r) => [r, `${r}ឯក`, `${r}ទោ`, `${r}ត្រី`]);
const personTitles = [...samdech, 'លោកស្រី', 'លោកជំទាវ', 'លោក', 'ឯកឧត្តម', 'អ្នកឧកញ៉ា', 'ឧកញ៉ា', 'អ្នកស្រី', 'កញ្ញា', 'បណ្ឌិត', 'ព្រះករុណា', ...ranks];
// Offices end a name ("ហ៊ុន ម៉ាណែត នាយករដ្ឋមន្ត្រីកម្ពុជា") but announce none: Khmer puts the person's title after them
// ("ប្រធានាធិបតីអាមេរិក លោក ដូណាល់ ត្រាំ"), and what follows one after a space is as often a country or a ministry.
const officeTitles = ['នាយករដ្ឋមន្ត្រី', 'នាយករដ្ឋមន្ដ្រី', 'ឧបនាយករដ្ឋមន្ត្រី', 'ឧបនាយករដ្ឋមន្ដ្រី', 'រដ្ឋមន្ត្រី', 'រដ្ឋមន្ដ្រី', 'ប្រធានាធិបតី', 'ប្រធាន', 'អ្នកនាំពាក្យ', 'ព្រះមហាក្សត្រ', 'ស្តេច'];

// stopwords-iso has no Khmer: the function words a name meets in news (past, future, and, is, that, which, not, also,
// must, at, from, to, of, in, for, with, by, about, on, these), and the verbs of saying that follow a name.
const stopwords = new Set(
  [
    ...['បាន', 'នឹង', 'និង', 'ជា', 'ថា', 'ដែល', 'មិន', 'កំពុង', 'ក៏', 'ត្រូវ', 'នៅ', 'ពី', 'ទៅ', 'មក', 'នៃ', 'របស់', 'ក្នុង', 'ដើម្បី', 'ហើយ', 'ប៉ុន្តែ', 'ឬ', 'គឺ', 'មាន'],
    ...['ដោយ', 'តាម', 'ចំពោះ', 'ជាមួយ', 'សម្រាប់', 'អំពី', 'លើ', 'កាលពី', 'ទាំង', 'នេះ', 'នោះ', 'ទេ', 'ផង', 'ដល់', 'ក្រោយ', 'មុន', 'ថ្លែង', 'ប្រកាស', 'បញ្ជាក់', 'ប្រាប់'],
  ],
);

/** The longest name part, in UTF-16 units: ណេតាន់យ៉ាហ៊ូ (Netanyahu) and អ៊ីប្រាហ៊ីម (Ibrahim) have 12 and 11. */
const maxPart = 14;

let cities: Map<string, string> | undefined;

const khmer: TitledScript = {
  letters: khmerLetters,
  titles: [...personTitles, ...officeTitles].sort((a, b) => b.length - a.length),
  stopwords,
  cities: () => (cities ??= citiesIn('km', onlyKhmerLetters)),
  // A title with the name against it is as often a pronoun (លោក, "he") or an office with a country.
  isName: () => false,
  // A chunk after a title (or after the name's first part) is the name up to a function word, title or city (none when
  // it starts with one): at most four of ICU's words (អ៊ី|ប្រា|ហ៊ី|ម: an unknown name comes out in syllables), a phrase being longer.
  nextPart: (chunk, segments, ends) => {
    if (!onlyKhmerLetters.test(chunk)) return undefined;
    const { parts } = partsFrom(khmer, chunk, segments, ends, 0);
    if (!parts.length || parts.length > 4) return undefined;
    const name = chunk.slice(0, parts.at(-1)!.end);
    return name.length >= 2 && name.length <= maxPart ? name : undefined;
  },
  partsAfter: (title) => (personTitles.includes(title) ? 2 : 0),
};

/**
 * The names in a text's Khmer: persons after a title (the name's parts apart, one list a person), and CLDR's cities (in
 * English).
 */
export function khmerNames(text: string): string[][] {
  return namesAfterTitles(text, khmer);
}
