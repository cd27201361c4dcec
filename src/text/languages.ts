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

/** Every two-letter (ISO 639-1) code the runtime names, in their canonical form ("he", not the retired "iw"). */
export function languageCodes(): string[] {
  if (!codes) {
    const found: string[] = [];
    for (let a = 97; a <= 122; a++) {
      for (let b = 97; b <= 122; b++) {
        const code = String.fromCharCode(a, b);
        if (languageName(code) && Intl.getCanonicalLocales(code)[0] === code) found.push(code);
      }
    }
    codes = found;
  }
  return codes;
}

/** The code a moderator meant: a code ("ru", "RU", "pt-BR"), or a language's English or own name ("Russian", "русский"). */
export function matchLanguage(typed: string): string | undefined {
  const wanted = typed.trim().toLowerCase();
  if (!wanted) return undefined;
  const base = baseLanguage(wanted);
  if (languageCodes().includes(base)) return base;
  return languageCodes().find((code) => languageName(code)?.toLowerCase() === wanted || languageName(code, code)?.toLowerCase() === wanted);
}
