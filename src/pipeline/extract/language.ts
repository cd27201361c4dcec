// The article's language as ISO 639-1. Pages usually declare it (`<html lang>`, og:locale, Content-Language), but
// templates often declare the site's default whatever the article is in, so a declaration loses to detection when
// the text's script cannot be the declared language's (a "en" page written in Cyrillic) or when franc-min's trigram
// model plainly prefers another language for a long text. A script only one language is written in (Georgian,
// Khmer…) names the language outright.
import { languageScores, type LanguageScore } from './trigram-scores.js';

// franc-min answers in ISO 639-3; languages without a 639-1 code (Cebuano, Bhojpuri…) stay undetermined.
const iso6391: Record<string, string> = {
  spa: 'es', eng: 'en', por: 'pt', ind: 'id', fra: 'fr', deu: 'de', jav: 'jv', vie: 'vi', ita: 'it', tur: 'tr', pol: 'pl',
  swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', fuv: 'ff', bos: 'bs', hrv: 'hr', nld: 'nl', srp: 'sr', ckb: 'ku', yor: 'yo',
  uzn: 'uz', zlm: 'ms', ibo: 'ig', tgl: 'tl', hun: 'hu', azj: 'az', ces: 'cs', run: 'rn', plt: 'mg', qug: 'qu', nya: 'ny',
  zyb: 'za', kin: 'rw', zul: 'zu', swe: 'sv', lin: 'ln', som: 'so', rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk',
  arb: 'ar', urd: 'ur', pes: 'fa', pbu: 'ps', hin: 'hi', mar: 'mr', npi: 'ne', cmn: 'zh', ben: 'bn', jpn: 'ja', kor: 'ko',
  tel: 'te', tam: 'ta', guj: 'gu', kan: 'kn', mal: 'ml', mya: 'my', pan: 'pa', amh: 'am', tha: 'th', sin: 'si', ell: 'el',
};

const scripts: [RegExp, string][] = [
  [/\p{Script=Latin}/gu, 'Latin'],
  [/\p{Script=Cyrillic}/gu, 'Cyrillic'],
  [/\p{Script=Arabic}/gu, 'Arabic'],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, 'CJK'],
  [/\p{Script=Hebrew}/gu, 'Hebrew'],
  [/\p{Script=Greek}/gu, 'Greek'],
  [/\p{Script=Devanagari}/gu, 'Devanagari'],
  [/\p{Script=Thai}/gu, 'Thai'],
  [/\p{Script=Georgian}/gu, 'Georgian'],
  [/\p{Script=Armenian}/gu, 'Armenian'],
  [/\p{Script=Khmer}/gu, 'Khmer'],
  [/\p{Script=Lao}/gu, 'Lao'],
  [/\p{Script=Myanmar}/gu, 'Myanmar'],
];

// Scripts that, in the news we read, only one language is written in, so the script names the language. franc-min
// has no trigrams for Georgian, Armenian, Khmer or Lao: left to it, such a text is undetermined, or labelled by the
// few Latin words in it ("NATO" made Georgian Lingala). A declaration of any other language is a template default.
const languageOfScript: Record<string, string> = {
  Georgian: 'ka', Armenian: 'hy', Khmer: 'km', Lao: 'lo', Myanmar: 'my', Thai: 'th',
};

// The script each declared language is written in, for the languages we can check (others are trusted as declared).
const scriptOfLanguage: Record<string, string> = {
  en: 'Latin', fr: 'Latin', de: 'Latin', es: 'Latin', pt: 'Latin', it: 'Latin', nl: 'Latin', pl: 'Latin', tr: 'Latin',
  ro: 'Latin', cs: 'Latin', hu: 'Latin', sv: 'Latin', da: 'Latin', no: 'Latin', nb: 'Latin', fi: 'Latin', id: 'Latin',
  vi: 'Latin', hr: 'Latin', sk: 'Latin', sl: 'Latin', lt: 'Latin', lv: 'Latin', et: 'Latin', ms: 'Latin', sq: 'Latin',
  ru: 'Cyrillic', uk: 'Cyrillic', bg: 'Cyrillic', be: 'Cyrillic', mk: 'Cyrillic', kk: 'Cyrillic', ky: 'Cyrillic',
  ar: 'Arabic', fa: 'Arabic', ur: 'Arabic', ps: 'Arabic', he: 'Hebrew', yi: 'Hebrew', el: 'Greek', zh: 'CJK', ja: 'CJK',
  ko: 'CJK', hi: 'Devanagari', mr: 'Devanagari', ne: 'Devanagari', th: 'Thai', ka: 'Georgian', hy: 'Armenian',
  km: 'Khmer', lo: 'Lao', my: 'Myanmar',
};

// Three-letter codes pages use that franc-min's table does not cover. Philippine sites declare Filipino as "fil",
// which has no ISO 639-1 code of its own: it is labelled "tl", as the detector labels Tagalog.
const otherThreeLetter: Record<string, string> = { heb: 'he', kat: 'ka', hye: 'hy', fas: 'fa', zho: 'zh', fil: 'tl' };

/** "en-US", "en_GB", "zh-Hant" → "en", "zh"; undefined for anything that is not a language tag. */
export function normalizeLanguageTag(tag: string | undefined | null): string | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_\s,;]/)[0];
  if (!primary || !/^[a-z]{2,3}$/.test(primary)) return undefined;
  if (primary.length === 3) return iso6391[primary] ?? otherThreeLetter[primary];
  // Obsolete codes still seen in the wild.
  if (primary === 'iw') return 'he';
  if (primary === 'in') return 'id';
  return primary;
}

/** The script of at least half the letters of a text sample, if any. */
function dominantScript(text: string): string | undefined {
  const letters = text.slice(0, 1000).replace(/\P{L}+/gu, '');
  if (!letters) return undefined;
  for (const [pattern, name] of scripts) {
    if (letters.length - letters.replace(pattern, '').length >= letters.length * 0.5) return name;
  }
  return undefined;
}

const iso6393 = new Map(Object.entries(iso6391).map(([three, two]) => [two, three]));

// franc costs about a millisecond per 1,000 characters; 500 are enough to tell unrelated languages apart.
const sampleLength = 500;
// Checking a declaration only needs the languages a page plausibly is in instead, which halves franc's work.
const commonLatin = [
  'eng', 'spa', 'por', 'fra', 'deu', 'ita', 'nld', 'pol', 'tur', 'ind', 'zlm', 'vie', 'ron', 'hun', 'ces', 'swe', 'hrv',
  'srp', 'bos', 'tgl', 'swh',
];

// Below these many letters a text's language is not checked (otherLanguage): a few words are a name or a quote in
// any script, and trigram guesses on a sentence or two are too noisy to overrule anything.
const minCheckedLetters = 20;
const minTrigramLetters = 100;
const trigramScripts = new Set(['Latin', 'Cyrillic', 'Arabic', 'Devanagari']);

function detectLanguage(text: string): string | undefined {
  const [best] = languageScores(text.slice(0, sampleLength * 2), { minLength: 40 });
  return best ? iso6391[best[0]] : undefined;
}

/**
 * Whether long text plainly contradicts a declared language franc-min knows: the declared language is not among
 * the three best guesses, or scores clearly below the best (English text on a site whose template says "de").
 * Close relatives (pt/es, id/ms, hr/sr) score within a few percent, so they never overrule the declaration.
 */
function contradicts(lang: string, text: string, script: string | undefined): string | undefined {
  const declared = iso6393.get(lang);
  if (!declared || text.length < 300) return undefined;
  const only = script === 'Latin' && commonLatin.includes(declared) ? commonLatin : undefined;
  const winner = outrankedBy(languageScores(text.slice(0, sampleLength), { minLength: 40, ...(only ? { only } : {}) }), declared);
  return winner && iso6391[winner];
}

/**
 * The best guess (ISO 639-3) when it plainly beats `declared`: the declared language is not among the three best
 * guesses, or scores below 0.93 of the best. Close relatives (pt/es, id/ms, hr/sr) score within a few percent.
 */
function outrankedBy(scores: LanguageScore[], declared: string): string | undefined {
  const best = scores[0];
  if (!best || best[0] === 'und' || best[0] === declared) return undefined;
  const rank = scores.findIndex(([code]) => code === declared);
  return rank >= 0 && rank < 3 && scores[rank]![1] >= 0.93 ? undefined : best[0];
}

/** The first usable declared language, checked against the text; otherwise detection. */
export function chooseLanguage(declared: (string | undefined)[], text: string): string | undefined {
  const script = text.length >= 40 ? dominantScript(text) : undefined;
  const ofScript = script ? languageOfScript[script] : undefined;
  if (ofScript) return ofScript;
  for (const raw of declared) {
    const lang = normalizeLanguageTag(raw);
    if (!lang) continue;
    const expected = scriptOfLanguage[lang];
    if (script && expected && expected !== script) break;
    return contradicts(lang, text, script) ?? lang;
  }
  return detectLanguage(text);
}

/**
 * The language a text is plainly written in when that is not `expected` (ISO 639-1), or undefined when it may well
 * be in `expected`: too short to tell, a language detection cannot check, or close enough. Only a confident
 * difference counts: letters almost all in another script than the expected language's (Latin names in a Russian
 * text leave it Cyrillic), or, in the expected script, a trigram model that puts the expected language neither among
 * its three best guesses nor close to the best. 'und' when the script rules the language out but names none.
 */
/** Whether two languages are written in the same script, as far as Gazette knows them (undefined: it does not). */
export function sameScript(a: string, b: string): boolean | undefined {
  const [x, y] = [scriptOfLanguage[normalizeLanguageTag(a) ?? ''], scriptOfLanguage[normalizeLanguageTag(b) ?? '']];
  return x && y ? x === y : undefined;
}

export function otherLanguage(text: string, expected: string): string | undefined {
  const lang = normalizeLanguageTag(expected);
  const expectedScript = lang && scriptOfLanguage[lang];
  const letters = text.slice(0, 1000).replace(/\P{L}+/gu, '');
  if (!expectedScript || letters.length < minCheckedLetters) return undefined;
  const script = dominantScript(text);
  if (script !== expectedScript) {
    const pattern = scripts.find(([, name]) => name === expectedScript)![0];
    const inExpected = letters.length - letters.replace(pattern, '').length;
    // A Japanese text may be mostly Latin brand names; only a text nearly without the expected script is not in it.
    if (inExpected >= letters.length * 0.1) return undefined;
    return (script && languageOfScript[script]) ?? detectLanguage(text) ?? 'und';
  }
  // franc-min tells languages apart by trigrams in these scripts only (Han is always Chinese to it, even Japanese).
  const declared = iso6393.get(lang);
  if (!declared || !trigramScripts.has(script) || letters.length < minTrigramLetters) return undefined;
  const winner = outrankedBy(languageScores(text.slice(0, sampleLength * 2), { minLength: 40 }), declared);
  return winner && (iso6391[winner] ?? 'und');
}
