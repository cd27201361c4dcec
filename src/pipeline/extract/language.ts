// The article's language as ISO 639-1. Pages usually declare it (`<html lang>`, og:locale, Content-Language), but
// templates often declare the site's default whatever the article is in, so a declaration whose script cannot be
// the text's script (a "en" page written in Cyrillic) loses to detection. Detection is franc-min's trigram model.
import { franc } from 'franc-min';

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
  [/\p{Script=Latin}/u, 'Latin'],
  [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u, 'CJK'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Georgian}/u, 'Georgian'],
  [/\p{Script=Armenian}/u, 'Armenian'],
];

// The script each declared language is written in, for the languages we can check (others are trusted as declared).
const scriptOfLanguage: Record<string, string> = {
  en: 'Latin', fr: 'Latin', de: 'Latin', es: 'Latin', pt: 'Latin', it: 'Latin', nl: 'Latin', pl: 'Latin', tr: 'Latin',
  ro: 'Latin', cs: 'Latin', hu: 'Latin', sv: 'Latin', da: 'Latin', no: 'Latin', nb: 'Latin', fi: 'Latin', id: 'Latin',
  vi: 'Latin', hr: 'Latin', sk: 'Latin', sl: 'Latin', lt: 'Latin', lv: 'Latin', et: 'Latin', ms: 'Latin', sq: 'Latin',
  ru: 'Cyrillic', uk: 'Cyrillic', bg: 'Cyrillic', be: 'Cyrillic', mk: 'Cyrillic', kk: 'Cyrillic', ky: 'Cyrillic',
  ar: 'Arabic', fa: 'Arabic', ur: 'Arabic', ps: 'Arabic', he: 'Hebrew', yi: 'Hebrew', el: 'Greek', zh: 'CJK', ja: 'CJK',
  ko: 'CJK', hi: 'Devanagari', mr: 'Devanagari', ne: 'Devanagari', th: 'Thai', ka: 'Georgian', hy: 'Armenian',
};

/** "en-US", "en_GB", "zh-Hant" → "en", "zh"; undefined for anything that is not a language tag. */
export function normalizeLanguageTag(tag: string | undefined | null): string | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_\s,;]/)[0];
  if (!primary || !/^[a-z]{2,3}$/.test(primary)) return undefined;
  if (primary.length === 3) return iso6391[primary] ?? ({ heb: 'he', kat: 'ka', hye: 'hy', fas: 'fa', zho: 'zh' } as Record<string, string>)[primary];
  // Obsolete codes still seen in the wild.
  if (primary === 'iw') return 'he';
  if (primary === 'in') return 'id';
  return primary;
}

/** The dominant script of a text sample, by letter counts. */
export function dominantScript(text: string): string | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  for (const ch of text.slice(0, 2000)) {
    if (!/\p{L}/u.test(ch)) continue;
    total++;
    for (const [pattern, name] of scripts) {
      if (pattern.test(ch)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        break;
      }
    }
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [name, count] of counts) if (count > bestCount) [best, bestCount] = [name, count];
  return best && bestCount >= total * 0.5 ? best : undefined;
}

export function detectLanguage(text: string): string | undefined {
  const code = franc(text.slice(0, 3000), { minLength: 40 });
  return iso6391[code];
}

/** The first usable declared language, checked against the text's script; otherwise detection. */
export function chooseLanguage(declared: (string | undefined)[], text: string): string | undefined {
  const script = text.length >= 40 ? dominantScript(text) : undefined;
  for (const raw of declared) {
    const lang = normalizeLanguageTag(raw);
    if (!lang) continue;
    const expected = scriptOfLanguage[lang];
    if (script && expected && expected !== script) break;
    return lang;
  }
  return detectLanguage(text);
}
