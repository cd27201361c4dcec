// Which Georgian words are names, for clustering across languages (name-keys.ts, docs/adr/0005-story-clustering.md).
// Georgian has no capitals to mark them, so three things do, most certain first: a city CLDR names in Georgian (its
// English name is the key: ბრიუსელი is Brussels), a Georgian surname's own ending (-შვილი, -ძე), and otherwise a word
// the Georgian dictionary does not know (georgian-lexicon.ts). The dictionary was built partly from words on the web,
// so it holds the most reported names (თბილისი, კობახიძე, პუტინი): the first two rules give back the first two kinds.
import { georgianStem } from '../../text/georgian-stem.js';
import { isGeorgianWord } from '../../text/georgian-lexicon.js';
import { citiesIn } from '../tag/localized-capitals.js';

/** The letters of Georgian's everyday script (Mkhedruli). */
export const georgianLetters = /^[\u10D0-\u10FA\u10FD-\u10FF]+$/u;

/**
 * A Georgian name without its case ending or postposition, as far as its key needs: "პუტინს", "პუტინმა", "პუტინთან"
 * → "პუტინ"; "კობახიძემ", "კობახიძესთან" → "კობახიძე".
 */
export function georgianNameStem(word: string): string {
  // georgianStem (made for search) cuts one ending; a name ending in a vowel also takes the ergative -მ, the particle
  // -ც ("also") and keeps the dative -ს before -თან, -თვის, -კენ, -გან, and "X-სა და Y" adds an -ა to the dative.
  const bare = word.replace(/([აეიოუ])(?:ს(?:თან|თვის|კენ|გან)|[მც])$/u, '$1').replace(/^(.{4,}ს)ა$/u, '$1');
  return georgianStem(bare);
}

let cities: Map<string, string> | undefined;

/** CLDR's cities by the stem of their Georgian name, with their English names (one-word names only). */
function cityByStem(): Map<string, string> {
  cities ??= citiesIn('ka', georgianLetters, georgianNameStem);
  return cities;
}

// Ordinary nouns that end as surnames do: kin (daughter, son, grandchild, cousins, nephew, niece, family), prince,
// patriot, God's child; length. Shorter ones (შვილი, ძე, რძე, სიძე, ფუძე) are below the surnames' length.
const notSurnames = new Set(
  ['ქალიშვილ', 'ვაჟიშვილ', 'შვილიშვილ', 'ბიძაშვილ', 'დეიდაშვილ', 'მამიდაშვილ', 'ძმისშვილ', 'ძმიშვილ', 'დისშვილ', 'ცოლშვილ', 'ბატონიშვილ', 'მამულიშვილ', 'ღვთისშვილ', 'სიგრძე'],
);

/**
 * Whether a stem is a Georgian surname by its ending: -შვილი (child of) or -ძე (son of) after a vowel
 * (ივანიშვილი, კობახიძე), with its genitive stem in -ძ (კობახიძის); nouns ending in -ძი (ანდერძი, კვანძი) have a
 * consonant before it.
 */
function isSurname(stem: string): boolean {
  return stem.length >= 6 && /(?:შვილ|[აი]ძე?)$/u.test(stem) && !notSurnames.has(stem);
}

/**
 * The name a word in Georgian letters is, spelled for its key: a CLDR city in English, otherwise the word itself; or
 * undefined for a word of the language.
 */
export function georgianName(word: string): string | undefined {
  const stem = georgianNameStem(word);
  const city = cityByStem().get(stem);
  if (city) return city;
  if (isSurname(stem)) return word;
  return isGeorgianWord(word) ? undefined : word;
}

/**
 * Whether more of one person's name may follow a Georgian name: a given name before its surname is written bare, with
 * no case ending, not even the nominative's -ი (რეჯეფ თაიფ ერდოღანი, დონალდ ტრამპი), while a name with one is a part
 * of the sentence of its own (ერდოღანი კობახიძეს შეხვდა: Erdogan met Kobakhidze), as is a surname (-ძე is bare too).
 */
export function georgianNameGoesOn(word: string): boolean {
  return georgianNameStem(word) === word && !isSurname(word);
}
