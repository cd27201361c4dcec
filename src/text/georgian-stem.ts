// A light stemmer for Georgian search words. PostgreSQL has no Georgian stemmer, so stories in Georgian are indexed
// as written, and Georgian glues case endings and postpositions to the noun: Tbilisi is "თბილისი", in Tbilisi
// "თბილისში", of Tbilisi "თბილისის". A query word cut back to its stem and matched as a prefix finds every form; a
// stem cut too short only widens the match, one not cut at all misses forms, so the list errs towards cutting.

// Case endings and postpositions, longest first so "-ისთვის" goes before "-ის" and "-ს". A noun's final -ა goes too:
// it drops before -ის and -ით ("ევროპა", Europe; "ევროპის", of Europe), so the word as a member types it must.
const endings = ['ისთვის', 'ისკენ', 'თვის', 'იდან', 'ამდე', 'ივით', 'დან', 'მდე', 'კენ', 'თან', 'ები', 'ში', 'ზე', 'ით', 'ის', 'ად', 'მა', 'ი', 'ს', 'ა'];

/** Stems shorter than this are left whole: "გორი" (Gori) still becomes "გორ", but a two-letter word stays. */
const shortestStem = 3;

const georgianWord = /[\u10D0-\u10FF]+/gu;

/** The stem of one Georgian word: "თბილისში" → "თბილის", "საქართველოს" → "საქართველო". */
export function georgianStem(word: string): string {
  // Georgian letters are all in the BMP: string lengths count letters.
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= shortestStem) return word.slice(0, -ending.length);
  }
  return word;
}

/** Text with each Georgian word replaced by its stem; other words (and websearch syntax) left as they are. */
export function stemGeorgianWords(text: string): string {
  return text.replace(georgianWord, georgianStem);
}
