// Country names in the languages of the regions a community follows, from Node's ICU (CLDR) rather than typed here,
// with the rules that let them match as the press writes them: inflected, abbreviated, with a clitic attached.
// Adding a language is adding its code; each rule below is per language family, not per word
// (docs/adr/0013-country-names-in-many-languages.md).

export const NAME_LOCALES = ['ru', 'uk', 'be', 'ar', 'fa', 'ur', 'tr', 'az', 'ka', 'hy', 'kk', 'uz', 'ky', 'tg', 'zh', 'zh-Hant', 'ja', 'ko', 'th', 'km', 'lo', 'my', 'vi', 'id', 'ms', 'tl', 'hi', 'bn', 'es', 'fr', 'pt', 'de', 'it', 'pl', 'ro', 'el', 'he', 'sr', 'bg', 'mn'];

/** A name, or a stem that matches as the start of a word when what follows it is an ending (`tail`). */
export interface LocalizedName {
  name: string;
  /** An abbreviation (ABD, США): it names the country only in capitals. */
  upper?: boolean;
  stem?: string;
  /** What may follow the stem in the word; absent: anything. */
  tail?: RegExp;
  /** Matches only in text of this language: Latin-script forms that could be English words or acronyms otherwise. */
  language?: string;
}

// Slavic languages decline names (Россия → России, Польща → Польщі): the stem is the name without its final vowels.
const SLAVIC = new Set(['ru', 'uk', 'be', 'sr', 'bg']);
// Agglutinative languages in their own scripts add endings to the whole name (Даниядағы, დანიაში, Դանիայում).
const AGGLUTINATIVE = new Set(['kk', 'ky', 'tg', 'mn', 'ka', 'hy']);
// Turkic languages in Latin script do too (İranda, Suriyadan, Eronga); Turkish sets them off with an apostrophe, which
// the tokenizer splits, but not always. A Latin stem also starts English words (Mali → Malik), so only their case and
// possessive endings may follow it.
const LATIN_TURKIC = new Set(['tr', 'az', 'uz']);
const turkicEnding = /^(?:n?[iuüə]n?|y?[aeə]|[dt][aeə]n?|[dt][aeə]ki|y?l[aeə]|l[iuü]k?|[gkq]a|ning?|ni|gacha|dagi)$/u;
const vowels = 'аяеёиоуыьйіїєюэaeiıouüöəաեէըիոօაეიოუ';
const finalVowels = new RegExp(`[${vowels}]+$`, 'u');
// After a short stem only the case endings of a declined noun (Дании, Сирию, Данією): vowels, then й or м at most.
const slavicEnding = new RegExp(`^[${vowels}]{1,2}[йм]?$`, 'u');
// Arabic writes "and" and "in/with" as one letter joined to the next word (وألمانيا, بسوريا).
const arabicProclitics = ['و', 'ب'];

let displayNames: Map<string, { long: Intl.DisplayNames; short: Intl.DisplayNames }> | undefined;

/** Each country's names in NAME_LOCALES (CLDR's long and short forms), with stems where the language inflects. */
export function localizedNames(cca2: string): LocalizedName[] {
  displayNames ??= new Map(
    NAME_LOCALES.map((l) => [
      l,
      { long: new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }), short: new Intl.DisplayNames([l], { type: 'region', style: 'short', fallback: 'none' }) },
    ]),
  );
  const out: LocalizedName[] = [];
  for (const [locale, names] of displayNames) {
    const long = names.long.of(cca2);
    const short = names.short.of(cca2);
    for (const name of new Set([long, short])) {
      if (!name || /^[A-Z]{2}$/.test(name)) continue;
      out.push(...formsOf(name, locale));
    }
  }
  return out;
}

function formsOf(name: string, locale: string): LocalizedName[] {
  const latin = /^[\p{Script=Latin}\s'’.-]+$/u.test(name);
  const letters = name.replace(/[\s'’.-]/g, '');
  const bare = name.toLowerCase();
  const oneWord = !/\s/.test(bare) && !/\p{Lu}{2}/u.test(name);
  if (latin) {
    const forms: LocalizedName[] = [];
    // In Latin script a short name is too often an English word ("Mỹ", the United States in Vietnamese, folds to
    // "my"): those are left to the curated aliases. An abbreviation in capitals (ABD, ABŞ, AQSH) matches only so.
    const abbreviation = letters.length >= 3 && letters.length <= 5 && letters === letters.toUpperCase();
    if (letters.length >= 6) forms.push({ name });
    else if (abbreviation) forms.push({ name, upper: true, language: locale });
    // With only its endings after it, even a short Turkic name is a safe stem (İranda, Eronda): in its own language.
    if (LATIN_TURKIC.has(locale) && oneWord && letters.length >= 4) forms.push({ name, stem: bare, tail: turkicEnding, language: locale });
    return forms;
  }
  const abbreviation = letters.length <= 5 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  const forms: LocalizedName[] = [abbreviation ? { name, upper: true } : { name }];
  if (locale === 'ar') for (const p of arabicProclitics) forms.push({ name: p + name });
  if (!oneWord) return forms;
  // Five letters at least: a four-letter name is a word's start too often (Georgian განა, Ghana, begins განაცხადა).
  if (AGGLUTINATIVE.has(locale) && bare.length >= 5) forms.push({ name, stem: bare });
  if (SLAVIC.has(locale) || AGGLUTINATIVE.has(locale)) {
    const stem = bare.replace(finalVowels, '');
    if (stem.length >= 4) forms.push({ name, stem });
    else {
      // Дания, Сирия: without all their final vowels too little is left; without the last one, only endings follow.
      const shorter = bare.slice(0, -1);
      if (shorter.length >= 4 && finalVowels.test(bare)) forms.push({ name, stem: shorter, tail: slavicEnding });
    }
  }
  return forms;
}
