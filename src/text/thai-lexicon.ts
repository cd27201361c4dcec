// Whether a Thai word is a word of the language or a place, and whether it is a person's or a firm's name the
// dictionary lists. Thai has no capitals and no spaces between words, so clustering tells a name from a word by its
// context and this dictionary (thai-names.ts, docs/adr/0005-story-clustering.md).
//
// The dictionary is libthai's, as the npm package wordcut ships it (LGPL, used unmodified: its data files are read,
// nothing of it is changed or copied): 23,000 words in its general lists, and apart from them lists of proper names,
// cities, countries, districts and historic places (1,050). Read on the first Thai text that asks, in the thread that
// meets it (~20 ms, 1.7 MB held). A Set is small enough for 24,000 words; the Georgian dictionary's 143,000 forms
// took 14 MB in one and are kept as a sorted string (georgian-lexicon.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The lists of ordinary words and of places: a place after an office (นายกรัฐมนตรีกัมพูชา) is no person. */
const wordLists = ['std', 'std-compound', 'common', 'acronyms', 'collection', 'ict', 'science', 'spell', 'lang-ethnic', 'expression', 'city', 'country', 'district', 'geo', 'history'];
/** People, firms, brands, newspapers. */
const nameLists = ['proper'];

let words: Set<string> | undefined;
let names: Set<string> | undefined;

function read(lists: readonly string[]): Set<string> {
  const resolve = createRequire(import.meta.url).resolve;
  const out = new Set<string>();
  for (const list of lists) {
    for (const line of readFileSync(resolve(`wordcut/data/tdict-${list}.txt`), 'utf8').split('\n')) {
      const word = line.trim();
      if (word) out.add(word);
    }
  }
  return out;
}

/** Whether libthai's lists of words and places hold the word (อนุทิน "diary" and ทักษิณ "south" are words too). */
export function isThaiWord(word: string): boolean {
  words ??= read(wordLists);
  return words.has(word);
}

/** Whether libthai lists the word as a person's, firm's or brand's name (ชินวัตร, ปูติน, ฮุนเซน). */
export function isThaiProperName(word: string): boolean {
  names ??= read(nameLists);
  return names.has(word);
}

/**
 * The dictionary words a Thai compound ends with, where what comes before is a word too (ประเทศไทย → ไทย, after
 * ประเทศ). ICU keeps a compound the dictionary lists whole, and search matches a word by its start: "ไทย" did not find
 * "ประเทศไทย" or "ทหารไทย". Both halves must be words, or every word would bring its accidental endings (เดิน, walk,
 * ends with ดิน, soil).
 */
export function thaiWordEndings(word: string): string[] {
  const endings: string[] = [];
  // Both halves of three letters at least: two-letter words begin and end compounds by accident (นายก, prime
  // minister: นา + ยก; ตาราง, table: ตา + ราง, rail).
  for (let i = 3; i <= word.length - 3; i++) {
    const ending = word.slice(i);
    if (isThaiWord(ending) && isThaiWord(word.slice(0, i))) endings.push(ending);
  }
  return endings;
}
