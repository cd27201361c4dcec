// Terms that mean the same in every language a story is told in: the names in it, reduced to the consonants of
// their Latin spelling (Зеленского, Zelensky → `~zlnsk`), and its numbers (`#23`). They let a Russian and an English
// report of one event find each other; clustering within one language does not count them (story-choice.ts).
// Cyrillic is transliterated; other scripts keep their names to themselves until their table is added here.

const cyrillic: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'u', я: 'a', қ: 'k', ғ: 'g', ң: 'n', ү: 'u', ұ: 'u', һ: 'h', ә: 'a', ө: 'o',
};

/** Latin spellings of the sounds Cyrillic writes with one letter. */
const digraphs: [RegExp, string][] = [
  [/dzh|dj/g, 'j'],
  [/shch|sch|sh/g, 's'],
  [/zh/g, 'z'],
  [/kh/g, 'h'],
  [/ch|ts|tz/g, 'c'],
  [/ph/g, 'f'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/q/g, 'k'],
];

/**
 * A name's key: its Latin spelling without vowels, doubled letters and a Russian case ending, at most five
 * consonants; undefined when fewer than three remain (too many names share those).
 */
export function nameKey(word: string): string | undefined {
  let latin = '';
  for (const ch of word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '')) latin += cyrillic[ch] ?? ch;
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

/** A name (`~…`) or number (`#…`) term: compared and looked up apart from a language's words. */
export const isNameTerm = (term: string): boolean => term.startsWith('~') || term.startsWith('#');

const sentenceEnd = /[.!?…]["'”’»)]*$/u;

/**
 * The language-free terms of a text: names (capitalised words in Latin or Cyrillic script that do not start a
 * sentence, four letters or more) and numbers of two digits or more that are not years.
 */
export function neutralTerms(text: string, stopwords: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let sentenceStart = true;
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word) {
      if (/^\d{2,}(?:[.,]\d+)?$/.test(word) && !/^(?:19|20)\d\d$/.test(word)) out.push(`#${word.replace(',', '.')}`);
      else if (!sentenceStart && word.length >= 4 && /^[\p{Lu}]/u.test(word) && /^[\p{Script=Latin}\p{Script=Cyrillic}'’-]+$/u.test(word) && !stopwords.has(word.toLowerCase())) {
        const key = nameKey(word.replace(/['’].*$/u, ''));
        if (key) out.push(key);
      }
    }
    sentenceStart = raw === '' ? sentenceStart : sentenceEnd.test(raw) || /[\n]/.test(raw);
  }
  return out;
}
