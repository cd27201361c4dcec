// Which name keys are a country's name (Украине, Ukraine, Україна → `~krn`), for clustering across languages
// (docs/adr/0005-story-clustering.md). A country's name written in a text is a capitalised word, so it becomes a name
// key like a person's; but two reports naming Trump, Putin and Ukraine are not three people in common, and a join
// across languages counts people (story-choice.ts). The names are the tagger's own tables, not a list typed here:
// world-countries (English, native names, translations), the curated aliases, and CLDR's names in NAME_LOCALES
// (localized-names.ts) — one-word names in the scripts name keys are read in. A name of several words (Costa Rica,
// San Marino) has a key per word, and one word of it stands for no country but may be a person (António Costa).
import { phraseKey } from '../tag/country-lexicon.js';
import { CURATED_ALIASES, REJECTED_PHRASES } from '../tag/lexicon/country-aliases.js';
import { localizedNames } from '../tag/localized-names.js';
import { worldCountries } from '../tag/world-countries.js';
import { computeNameKey } from './name-keys.js';

// The scripts neutralTerms reads names in (name-keys.ts): a country's name in another script never becomes a key.
const readScripts = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Thai}\p{Script=Khmer}\p{M}'’-]+$/u;

let keys: Map<string, Set<string>> | undefined;

/**
 * Whether a name key (`~krn`) is the key of the name, in some language, of one of these countries (ISO codes, as the
 * tagger gives them). Only the article's own countries: a key of five consonants at most is shared by many words, and
 * Paris is no Persia (`~prs`) in a text the tagger found no Iran in.
 */
export function isCountryNameKey(key: string, countries: readonly string[]): boolean {
  // Built on the first article's names, in the thread that reads them (a pipeline worker): the tagger has read
  // localizedNames there already, so what is left is keying some 5,000 names.
  keys ??= build();
  const of = keys.get(key);
  return !!of && countries.some((c) => of.has(c.toUpperCase()));
}

function build(): Map<string, Set<string>> {
  const byCountry = new Map<string, Set<string>>();
  for (const c of worldCountries) {
    const names = new Set<string>();
    byCountry.set(c.cca2, names);
    names.add(c.name.common);
    // As the lexicon takes them: no codes (AZ, IN) nor index forms with commas.
    for (const alt of c.altSpellings) if (alt.length > 3 && !alt.includes(',')) names.add(alt);
    for (const native of Object.values(c.name.native ?? {})) names.add(native.common);
    for (const t of Object.values(c.translations)) names.add(t.common);
    // CLDR's names, not its capitals nor the demonyms derived from them, and no stems (a key undoes endings itself).
    for (const form of localizedNames(c.cca2)) if (!form.stem && !form.kind) names.add(form.name);
  }
  for (const [phrase, country, kind] of CURATED_ALIASES) if (country && (kind === 'name' || kind === 'historic')) byCountry.get(country)?.add(phrase);
  const out = new Map<string, Set<string>>();
  for (const [country, names] of byCountry) {
    for (const name of names) {
      // In a script read for names, one word, and not a form the lexicon rejects as misleading (Salvador, Maurice).
      if (!readScripts.test(name)) continue;
      const key = phraseKey(name);
      if (!key || key.includes(' ') || REJECTED_PHRASES.has(key)) continue;
      const nameKey = computeNameKey(name);
      if (!nameKey) continue;
      const of = out.get(nameKey) ?? new Set<string>();
      out.set(nameKey, of.add(country));
    }
  }
  return out;
}
