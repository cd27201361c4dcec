// Stopword lists by ISO 639-1 code (stopwords-iso), read once.
import { createRequire } from 'node:module';

// stopwords-iso is a JSON file behind `main`, which ESM cannot import without an attribute tsx does not keep.
const lists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

const sets = new Map<string, ReadonlySet<string>>();

/** A language's stopwords (empty for a language the list does not have). */
export function stopwordsOf(lang: string): ReadonlySet<string> {
  let set = sets.get(lang);
  if (!set) {
    set = new Set(lists[lang] ?? []);
    sets.set(lang, set);
  }
  return set;
}
