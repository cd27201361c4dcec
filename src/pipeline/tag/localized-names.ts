// Country names in the languages of the regions a community follows, from Node's ICU (CLDR) rather than typed here,
// with the rules that let them match as the press writes them: inflected, abbreviated, with a clitic attached.
// Adding a language is adding its code; each rule below is per language family, not per word
// (docs/adr/0013-country-names-in-many-languages.md). Capitals come from CLDR's time-zone cities
// (./localized-capitals.ts), demonyms from rules over the names: Arabic-script nisba, Slavic language adjectives.
import { localizedCapitals } from './localized-capitals.js';
import { worldCountries } from './world-countries.js';

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
  /** What the form is when it is not the country's name: its capital (or largest city), or its people's adjective. */
  kind?: 'capital' | 'demonym';
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

// Ukrainian closes a last syllable with і/ї where the declined forms have о, е or є (Київ → Києва, Львів → Львова):
// the alternate stem, followed by a case ending only.
const ukrainianClosedI = /^(.+)([ії])([^аеєиіїоуюяьʼ'’]+)$/u;
// Arabic-script adjectives of origin (nisba): the name without ال and its final alif/ta marbuta/ya-alif, then ي
// (Persian, Urdu ی), then the adjective's own endings (إيراني، الإيرانيون، ایرانی‌ها).
const NISBA = new Set(['ar', 'fa', 'ur']);
const nisbaEnding = /^(?:|ة|ه|ون|ين|ان|ات|ها|وں|وں|ے)$/u;
// Scripts that leave out short vowels: a name of three letters or fewer is the skeleton of too many words (Persian کیف,
// Kyiv, is also "bag").
const abjad = /^[\p{Script=Arabic}\p{Script=Hebrew}\s\u200c-]+$/u;
// A name written in Latin letters alone (spaces, apostrophes, dots and hyphens aside).
export const latinName = /^[\p{Script=Latin}\s'’.-]+$/u;
// Latin-script languages written syllable by syllable: a short name is a syllable (Vietnamese Viên, Vienna).
const SYLLABIC = new Set(['vi']);
// Scripts without spaces between words: a language's ICU dictionary keeps its own country's and capital's names
// together with the word for "country", "city" or "capital" as one word (Burmese မြန်မာနိုင်ငံ, "Myanmar country";
// Thai กรุงเทพมหานคร, Bangkok's full name; Lao ນະຄອນຫຼວງວຽງຈັນ, "capital Vientiane"), while other countries' names
// stand apart (ထိုင်း နိုင်ငံ, ประเทศ ญี่ปุ่น). For the country whose language it is (world-countries' ISO 639-3 code),
// a name also matches with such a word joined before it, or as the start of a word when one follows it. Nothing else
// may follow: a name starts other words (Thai ซีเรียส, "serious", starts with ซีเรีย, Syria).
const UNSPACED_AFFIXES: Readonly<Record<string, { language: string; before: readonly string[]; after: readonly string[] }>> = {
  th: { language: 'tha', before: ['ประเทศ', 'กรุง'], after: ['มหานคร', 'ฯ'] },
  lo: { language: 'lao', before: ['ປະເທດ', 'ນະຄອນຫຼວງ'], after: [] },
  km: { language: 'khm', before: ['ប្រទេស', 'រាជធានី'], after: [] },
  my: { language: 'mya', before: [], after: ['နိုင်ငံ', 'မြို့', 'ပြည်', 'တော်'] },
};

/** The joined forms of UNSPACED_AFFIXES of a name in `locale`, for a country one of whose languages that is. */
function joinedForms(name: string, locale: string, languages: readonly string[]): LocalizedName[] {
  const affixes = UNSPACED_AFFIXES[locale];
  if (!affixes || !languages.includes(affixes.language) || /\s/u.test(name)) return [];
  const forms: LocalizedName[] = affixes.before.filter((word) => !name.startsWith(word)).map((word) => ({ name: word + name }));
  if (affixes.after.length) forms.push({ name, stem: name.toLowerCase(), tail: new RegExp(`^(?:${affixes.after.join('|')})`, 'u') });
  return forms;
}

let displayNames: Map<string, { long: Intl.DisplayNames; short: Intl.DisplayNames; language: Intl.DisplayNames }> | undefined;

// The lexicon reads each country's names twice (whole names, then stems): some 20,000 ICU look-ups per pass.
const namesOf = new Map<string, readonly LocalizedName[]>();

/** Each country's names in NAME_LOCALES (CLDR's long and short forms), with stems where the language inflects. */
export function localizedNames(cca2: string): readonly LocalizedName[] {
  let names = namesOf.get(cca2);
  if (!names) {
    names = buildLocalizedNames(cca2);
    namesOf.set(cca2, names);
  }
  return names;
}

function buildLocalizedNames(cca2: string): LocalizedName[] {
  displayNames ??= new Map(
    NAME_LOCALES.map((l) => [
      l,
      {
        long: new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }),
        short: new Intl.DisplayNames([l], { type: 'region', style: 'short', fallback: 'none' }),
        language: new Intl.DisplayNames([l], { type: 'language', fallback: 'none' }),
      },
    ]),
  );
  const country = worldCountries.find((c) => c.cca2 === cca2);
  const languages = Object.keys(country?.languages ?? {});
  const out: LocalizedName[] = [];
  for (const [locale, names] of displayNames) {
    const long = names.long.of(cca2);
    const short = names.short.of(cca2);
    for (const name of new Set([long, short])) {
      if (!name || /^[A-Z]{2}$/.test(name)) continue;
      out.push(...formsOf(name, locale), ...joinedForms(name, locale, languages));
    }
    if (long && NISBA.has(locale)) out.push(...nisbaForms(long, locale));
    if (long && SLAVIC.has(locale)) {
      for (const code of languages) out.push(...languageAdjective(names.language.of(code), long));
    }
  }
  const capitals = localizedCapitals(cca2);
  for (const { locale, name } of capitals) out.push(...capitalForms(name, locale), ...joinedForms(name, locale, languages).map((f) => ({ ...f, kind: 'capital' as const })));
  // Where CLDR spells a capital as English does (Tbilisi, Yerevan in Azerbaijani), Turkic endings still follow it.
  const english = country?.capital ?? [];
  for (const locale of LATIN_TURKIC) {
    if (capitals.some((c) => c.locale === locale)) continue;
    for (const name of english) {
      if (/^\p{L}{4,}$/u.test(name)) out.push({ name, stem: name.toLowerCase(), tail: turkicEnding, language: locale, kind: 'capital' });
    }
  }
  return out;
}

const calendarWords = new Map<string, Set<string>>();

/** The locale's weekday and month names (ICU): a city spelled like one (Persian دوشنبه, Dushanbe, is Monday) is not kept. */
function calendarWordsOf(locale: string): Set<string> {
  let words = calendarWords.get(locale);
  if (!words) {
    words = new Set();
    // One formatter per form, not per date: building one costs ICU far more than formatting with it.
    const formatter = (options: Intl.DateTimeFormatOptions) => {
      const f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
      return (date: Date) => f.format(date).toLowerCase();
    };
    const weekday = formatter({ weekday: 'long' });
    const months = { long: formatter({ month: 'long' }), short: formatter({ month: 'short' }) };
    for (let i = 0; i < 7; i++) words.add(weekday(new Date(Date.UTC(2024, 0, 1 + i))));
    for (let i = 0; i < 12; i++) for (const month of ['long', 'short'] as const) words.add(months[month](new Date(Date.UTC(2024, i, 1))));
    calendarWords.set(locale, words);
  }
  return words;
}

/** A capital's forms: as a name, but Latin-script ones only in text of their language and none in a short abjad. */
function capitalForms(name: string, locale: string): LocalizedName[] {
  if (calendarWordsOf(locale).has(name.toLowerCase())) return [];
  const letters = name.replace(/[\s'’.\u200c-]/g, '');
  if (abjad.test(name) && letters.length < 4) return [];
  const latin = latinName.test(name);
  if (!latin) return formsOf(name, locale).map((f) => ({ ...f, kind: 'capital' as const }));
  // A syllabic name of two words or more (Hà Nội) is no single syllable.
  if (letters.length < (SYLLABIC.has(locale) && !/\s/.test(name) ? 6 : 4)) return [];
  const forms: LocalizedName[] = [{ name, language: locale, kind: 'capital' }];
  if (LATIN_TURKIC.has(locale) && !/\s/.test(name)) forms.push({ name, stem: name.toLowerCase(), tail: turkicEnding, language: locale, kind: 'capital' });
  return forms;
}

/** إيران → إيراني, الإيرانيون; ایران → ایرانی: the adjective of origin, as a stem followed by its endings only. */
function nisbaForms(name: string, locale: string): LocalizedName[] {
  if (/\s/.test(name)) return [];
  const base = name.replace(/^ال/u, '');
  if (/[يی]$/u.test(base)) return [];
  const root = base.replace(/(?:يا|یه|ا|ة|ه)$/u, '');
  if (root.length < 3) return [];
  const adjective = root + (locale === 'ar' ? 'ي' : 'ی');
  const stems = locale === 'ar' ? [adjective, `ال${adjective}`] : [adjective];
  return stems.map((stem) => ({ name: adjective, stem, tail: nisbaEnding, kind: 'demonym' as const }));
}

/**
 * Slavic adjectives of a country's people are often its language's name (польський, грузинский): used only when the
 * language is the country's (world-countries) and its name starts as the country's does (not персидский for Иран).
 */
function languageAdjective(language: string | undefined, country: string): LocalizedName[] {
  if (!language || /\s/.test(language) || /\s/.test(country)) return [];
  const a = language.toLowerCase();
  const b = country.toLowerCase();
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  if (common < 3) return [];
  const stem = a.replace(finalVowels, '');
  return stem.length >= 5 ? [{ name: language, stem, kind: 'demonym' }] : [];
}

function formsOf(name: string, locale: string): LocalizedName[] {
  const latin = latinName.test(name);
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
  if (locale === 'uk') {
    const m = ukrainianClosedI.exec(bare);
    const alternates = m ? (m[2] === 'ї' ? ['є'] : ['о', 'е']) : [];
    for (const v of alternates) forms.push({ name, stem: `${m?.[1]}${v}${m?.[3]}`, tail: slavicEnding });
  }
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
