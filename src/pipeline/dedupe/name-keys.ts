// Terms that mean the same in every language a story is told in: the names in it, reduced to the consonants of
// their Latin spelling (Зеленского, Zelensky → `~zlnsk`), its numbers (`#23`) and its countries (`@ge`, from tagging).
// They let a Russian and an English report of one event find each other; clustering within one language does not
// count them (story-choice.ts). Names are read in the cased scripts (Latin, Cyrillic, Greek, Armenian) by their
// capitals, in Georgian by what its dictionary does not know (georgian-names.ts) and in Thai and Khmer by the titles
// before them (thai-names.ts, khmer-names.ts), and transliterated by any-ascii; the other scripts without capitals
// (Arabic, Persian, CJK) cannot tell a name from a word.
import anyAscii from 'any-ascii';
import { detached, longestMemoWord } from '../../text/detached.js';
import { georgianLetters, georgianName, georgianNameGoesOn, georgianNameStem } from './georgian-names.js';
import { khmerLetters, khmerNames } from './khmer-names.js';
import { thaiLetters, thaiNames } from './thai-names.js';
import { asciiDigits } from '../../text/native-digits.js';

/** Latin spellings of the sounds Cyrillic writes with one letter. */
const digraphs: [RegExp, string][] = [
  [/dzh|dj/g, 'j'],
  [/shch|sch|sh/g, 's'],
  // Cyrillic and Georgian write the th of English names as t (Томас, Thomas), and Greek θ reads th: one sound. So is
  // Thai ท, which any-ascii reads th: Trump's t (ทรัมป์) and Thaksin's th (ทักษิณ).
  [/th/g, 't'],
  [/zh/g, 'z'],
  [/kh/g, 'h'],
  [/ch|ts|tz/g, 'c'],
  [/ph/g, 'f'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
];

// Before any-ascii, the spellings its letter-by-letter reading gets wrong for names in English:
// - Armenian ու is one vowel, u (any-ascii: "ow", read as a v); a case ending with a consonant is undone as in Russian
//   (Մոսկվայում, Moscow; -ում and -ից: -ով would cut Լավրով, and the vowel endings drop with the vowels);
// - Greek writes a foreign d as ντ, b as μπ and g as γκ (Ερντογάν, Erdogan; Μπάιντεν, Biden), and γγ is ng; a final
//   μπ is mp (Τραμπ, Trump);
// - Kazakh ғ and ң are written g and n in English (Ғалым, Galym), not gh and ng;
// - Georgian ღ is a g in the names English takes from Turkish and Persian (ერდოღანი, Erdogan), not gh (any-ascii);
//   Georgian case endings are undone by georgianNameStem first (პუტინს, Putin);
// - Thai รร is a vowel, a (an at the end), not two r's (ภูมิธรรม, Phumtham);
// - Khmer writes a foreign z, g and f as ហ over ស, គ and វ (ហ្សេលេនស្គី, Zelensky; អែរដូហ្គាន, Erdogan), and ប with
//   ៉ above is p (ប៉ែថងថាន, Paetongtarn), not b.
const beforeAscii: [RegExp, string][] = [
  [/(\p{Script=Armenian}{3,})(?:ում|ից)$/u, '$1'],
  [/ու/g, 'u'],
  [/Ու|ՈՒ/g, 'U'],
  [/μπ$/u, 'mp'],
  [/ντ/gu, 'd'],
  [/Ντ|ΝΤ/gu, 'D'],
  [/μπ/gu, 'b'],
  [/Μπ|ΜΠ/gu, 'B'],
  [/γκ/gu, 'g'],
  [/Γκ|ΓΚ/gu, 'G'],
  [/γγ/gu, 'ng'],
  [/ғ/g, 'г'],
  [/Ғ/g, 'Г'],
  [/ң/g, 'н'],
  [/Ң/g, 'Н'],
  [/ღ/g, 'გ'],
  [/รร(?=[\u0E01-\u0E2E])/gu, 'ะ'],
  [/รร$/u, 'ัน'],
  [/ហ្ស/gu, 'z'],
  [/ហ្គ/gu, 'g'],
  [/ហ្វ/gu, 'f'],
  [/ប៉/gu, 'ព'],
];

const nameKeys = new Map<string, string | undefined>();
/** Distinct words whose key is remembered; the memo starts over when full. */
const maxNameKeys = 50_000;

/**
 * A name's key: its Latin spelling without vowels, doubled letters and a Russian case ending, at most five
 * consonants; undefined when fewer than three remain (too many names share those).
 */
export function nameKey(word: string): string | undefined {
  // The same names come back in article after article: some twenty regular expressions and a transliteration each.
  let key = nameKeys.get(word);
  if (key === undefined && !nameKeys.has(word)) {
    if (nameKeys.size >= maxNameKeys) nameKeys.clear();
    key = computeNameKey(word);
    if (word.length <= longestMemoWord) nameKeys.set(detached(word), key);
  }
  return key;
}

/** nameKey without its memo: for a table keyed once (country-name-keys.ts), whose names would only crowd the memo. */
export function computeNameKey(word: string): string | undefined {
  if (georgianLetters.test(word)) word = georgianNameStem(word);
  for (const [from, to] of beforeAscii) word = word.replace(from, to);
  // any-ascii's apostrophes (ь, ъ, Armenian aspirates: Փաշինյան → P'ashinyan) are no sound of their own.
  let latin = anyAscii(word).toLowerCase().replace(/['’]/g, '');
  if (!/^[a-z]+$/.test(latin)) return undefined;
  // Inflected Russian forms and English spellings of one name: Зеленского/Зеленский/Zelensky, Путина/Putin.
  // Vowels are dropped below, so only case endings with a consonant need undoing (-ого, -ому, -ым, -ом, -ами, -ах).
  if (latin.length >= 7) latin = latin.replace(/(?:ogo|ego|omu|emu|ym|im|om|em|ami|ah)$/, '');
  for (const [from, to] of digraphs) latin = latin.replace(from, to);
  // English writes /k/ as c (Crimea, Caspian); Cyrillic's ц is already c: both read as k, before c the sound is lost.
  const skeleton = latin
    .replace(/c/g, 'k')
    .replace(/[aeiouy]/g, '')
    .replace(/(.)\1+/g, '$1')
    .slice(0, 5);
  return skeleton.length >= 3 ? `~${skeleton}` : undefined;
}
/**
 * A name (`~…`), number (`#…`), country (`@…`), same-person (`&…`) or country-name (`^…`) term: compared and looked
 * up apart from a language's words.
 */
export const isNameTerm = (term: string): boolean => term.startsWith('~') || term.startsWith('#') || term.startsWith('@') || term.startsWith('&') || term.startsWith('^');

// A given name and a surname are two name keys but one person: "Donald Trump" and "Vladimir Putin" are not four names
// an event's reports share, but two people, whom another event's reports name as well. So an article also carries
// which of its name keys stand together as one person's name (`&~dnld~trmp`): like countries, a condition on joining
// across languages only (story-choice.ts), never a shared name, a lookup key nor part of a cosine.

/** The term saying that two name keys stand together in a text as one person's name (in key order: one term a pair). */
export const samePersonTerm = (a: string, b: string): string => (a < b ? `&${a}${b}` : `&${b}${a}`);

/** A same-person term (`&~dnld~trmp`). */
export const isSamePersonTerm = (term: string): boolean => term.startsWith('&');

/** The two name keys of a same-person term. */
export function samePersonKeys(term: string): [string, string] {
  const second = term.indexOf('~', 2);
  return [term.slice(1, second), term.slice(second)];
}

// A country's name written in a text is a capitalised word, so it has a name key like a person's (Украине, Ukraine:
// `~krn`); but Ukraine is not a person two reports share. Which keys are countries' names is read from the tagger's
// tables (country-name-keys.ts) where the article's terms are made, in a pipeline worker, and said by a term
// (`^~krn`) for each of the names an article keeps: the join across languages counts people without it
// (story-choice.ts); the name stays in the names cosine.

/** The term saying that a name key of the article is a country's name (`^~krn`). */
export const countryNameTerm = (key: string): string => `^${key}`;

/** A country-name term (`^~krn`). */
export const isCountryNameTerm = (term: string): boolean => term.startsWith('^');

/** A country term (`@ge`): a condition on joining across languages, never a shared name nor a lookup key. */
export const isCountryTerm = (term: string): boolean => term.startsWith('@');

/** The country terms of an article's tagged countries (ISO 3166-1 alpha-2, most salient first). */
export const countryTerms = (countries: readonly string[]): string[] => [...new Set(countries.map((c) => `@${c.toLowerCase()}`))];

// Armenian ends a sentence with ։, Greek asks with ; (U+037E, or the semicolon it normalises to, after Greek letters).
const sentenceEnd = /(?:[.!?…։\u037E]|\p{Script=Greek};)["'”’»)]*$/u;
/** The last characters `sentenceEnd` can match: a word ending otherwise ends no sentence, without the expression. */
const sentenceEnders = new Set([...'.!?…։\u037E;"\'”’»)'].map((c) => c.charCodeAt(0)));

/** A letter of Georgian's everyday script (Mkhedruli), by its code. */
function isGeorgian(code: number): boolean {
  return code >= 0x10d0 && code <= 0x10ff;
}

function isThaiOrKhmerDigit(code: number): boolean {
  return (code >= 0xe50 && code <= 0xe59) || (code >= 0x17e0 && code <= 0x17e9);
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A text's language-free terms, and the pairs of its name keys that stand together as one person's name. */
export interface NeutralTerms {
  terms: string[];
  /** Consecutive name keys of one person's name ("Donald Trump", นายโดนัลด์ ทรัมป์): [`~dnld`, `~trmp`]. */
  together: [string, string][];
}

/**
 * The language-free names and numbers of a text: names (capitalised words in Latin, Cyrillic, Greek or Armenian script
 * that do not start a sentence, Georgian words georgianName takes for names, four letters or more, and the names
 * thaiNames and khmerNames find) and numbers of two digits or more that are not years (in Thai and Khmer digits too);
 * and which names stand together: names next to each other with no punctuation between, or the parts of a name after
 * a Thai or Khmer title.
 */
export function neutralTerms(text: string, stopwords: ReadonlySet<string>): NeutralTerms {
  const out: string[] = [];
  const together: [string, string][] = [];
  // The key of the name just read, while the words after it may go on with the same person's name.
  let previous: string | undefined;
  const nameWord = (key: string | undefined, goesOn: boolean) => {
    if (key) {
      out.push(key);
      if (previous && previous !== key) together.push([previous, key]);
    }
    // A name part without a key of its own (Hun, in "Hun Manet") does not end the name.
    previous = goesOn ? (key ?? previous) : undefined;
  };
  // Thai and Khmer names are read from their context (a title before them), not word by word.
  const titled = [...(thaiLetters.test(text) ? thaiNames(text, stopwords) : []), ...(khmerLetters.test(text) ? khmerNames(text) : [])];
  for (const person of titled) {
    for (const part of person) nameWord(nameKey(part), true);
    previous = undefined;
  }
  let sentenceStart = true;
  for (const raw of text.split(/\s+/)) {
    // Most words have no punctuation around them to trim (a word starting and ending with a-z, A-Z, 0-9).
    let word = isAsciiAlnum(raw.charCodeAt(0)) && isAsciiAlnum(raw.charCodeAt(raw.length - 1)) ? raw : raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    // Georgian joins its case ending to a number or a Latin name with a hyphen (10%-ზე, Euronews-ის): they count alone.
    if (word && isGeorgian(word.charCodeAt(word.length - 1)) && !isGeorgian(word.charCodeAt(0))) word = word.replace(/%?-[\u10D0-\u10FF]+$/u, '');
    // Thai and Khmer news write numbers in their own digits as often as in 0–9 (ទាហាន ១៨ នាក់: 18 soldiers).
    if (word && isThaiOrKhmerDigit(word.charCodeAt(0))) word = asciiDigits(word);
    // Whether the word is a name, which the next word may go on with (not after punctuation: "Trump, Putin").
    let name = false;
    if (word) {
      const first = word.charCodeAt(0);
      const goesOn = raw.charCodeAt(raw.length - 1) === word.charCodeAt(word.length - 1);
      if (raw.charCodeAt(0) !== first) previous = undefined;
      // The tests below in the order they were written, each skipped where its first character already fails it.
      if (first >= 48 && first <= 57) {
        if (/^\d{2,}(?:[.,]\d+)?$/.test(word) && !/^(?:19|20)\d\d$/.test(word)) out.push(`#${word.replace(',', '.')}`);
      } else if (isGeorgian(first)) {
        // No capitals, so a sentence's first word may be a name too; a hyphen joins names (ბაქო-თბილისი) and words,
        // not one person's.
        const parts = word.split('-');
        for (const part of parts) {
          const georgian = part.length >= 4 && georgianLetters.test(part) ? georgianName(part) : undefined;
          if (georgian === undefined) continue;
          // A city (its English name) is no part of a person's name.
          const city = georgian !== part;
          if (parts.length > 1 || city) previous = undefined;
          nameWord(nameKey(georgian), goesOn && parts.length === 1 && !city && georgianNameGoesOn(part));
          name = true;
        }
      } else if (!sentenceStart && word.length >= 4 && (first < 128 ? first >= 65 && first <= 90 : /^[\p{Lu}]/u.test(word)) && /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}'’-]+$/u.test(word) && !stopwords.has(word.toLowerCase())) {
        nameWord(nameKey(word.replace(/['’].*$/u, '')), goesOn);
        name = true;
      }
    }
    if (!name) previous = undefined;
    // (No piece of the split holds a line break, so a line break alone does not end a sentence here.)
    sentenceStart = raw === '' ? sentenceStart : sentenceEnders.has(raw.charCodeAt(raw.length - 1)) && sentenceEnd.test(raw);
  }
  return { terms: out, together };
}
