// Languages by their ISO 639-1 codes, named by the runtime's own data (Intl.DisplayNames): the guild language of
// `/config language`, and the "Translated from Russian" / "In Russian" labels of posts. No list is kept by hand.

let codes: string[] | undefined;
const namers = new Map<string, Intl.DisplayNames>();

function namer(locale: string): Intl.DisplayNames {
  let found = namers.get(locale);
  if (!found) {
    found = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    namers.set(locale, found);
  }
  return found;
}

/** The base language of a tag, lower case: "pt-BR" → "pt", " RU " → "ru". */
export function baseLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** A language's name in `locale` (English by default), or undefined when the runtime does not know the code. */
export function languageName(code: string, locale = 'en'): string | undefined {
  const base = baseLanguage(code);
  if (!/^[a-z]{2,3}$/.test(base)) return undefined;
  try {
    const name = namer(locale).of(base);
    return name && name !== base ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The base language of a tag as the runtime canonicalises it ("iw" → "he", "tl" → "fil"), or '' for no tag. */
function canonicalBase(tag: string): string {
  try {
    return baseLanguage(Intl.getCanonicalLocales(tag)[0] ?? '');
  } catch {
    return '';
  }
}

/**
 * Every two-letter (ISO 639-1) code the runtime names, in their canonical form ("he", not the retired "iw"). A code
 * whose canonical form has no two letters stays: CLDR makes "tl" an alias of Filipino's "fil", but "tl" is what
 * ISO 639-1, the language detector and the translator use, so it is the Filipino code here.
 */
export function languageCodes(): string[] {
  if (!codes) {
    const found: string[] = [];
    for (let a = 97; a <= 122; a++) {
      for (let b = 97; b <= 122; b++) {
        const code = String.fromCharCode(a, b);
        const canonical = canonicalBase(code);
        if (languageName(code) && (canonical === code || canonical.length > 2)) found.push(code);
      }
    }
    codes = found;
  }
  return codes;
}

// Names the runtime does not give: CLDR folds Tagalog into Filipino and names both "Filipino".
const otherNames = new Map([['tagalog', 'tl']]);

/**
 * The code a moderator meant: a code ("ru", "RU", "pt-BR", the retired "iw", "fil"), or a language's English or own
 * name ("Russian", "русский"), also after "Bahasa" ("language": "Bahasa Indonesia", "Bahasa Melayu").
 */
export function matchLanguage(typed: string): string | undefined {
  const wanted = typed.trim().toLowerCase().replace(/\s+/gu, ' ');
  if (!wanted) return undefined;
  const base = baseLanguage(wanted);
  if (languageCodes().includes(base)) return base;
  const canonical = /^[a-z]{2,3}$/u.test(base) ? canonicalBase(base) : '';
  const aliased = canonical && languageCodes().find((code) => canonicalBase(code) === canonical);
  if (aliased) return aliased;
  if (otherNames.has(wanted)) return otherNames.get(wanted);
  const name = wanted.replace(/^bahasa /u, '');
  return languageCodes().find((code) => languageName(code)?.toLowerCase() === name || languageName(code, code)?.toLowerCase() === name);
}
