// Which Thai words are names, for clustering across languages (name-keys.ts, docs/adr/0005-story-clustering.md).
// Thai has no capitals and no spaces between words, and a word the dictionary does not know is no sign of a name:
// ICU's segmenter cuts an unknown name into syllables that are words (ปูติน → ปู "crab" + ติน), and Thai given names
// are words (แพทองธาร: raft, gold, stream; อนุทิน: diary). What Thai news does mark is a person: a title stands before
// the name at nearly every mention (นายอนุทิน, สมเด็จฮุน มาเนต, น.ส.แพทองธาร), the surname follows after a space. So a
// name is what follows a title, up to the next space or function word; the chunk after it is its surname when it is
// not plain Thai words; and a city CLDR names in Thai is keyed by its English name (กรุงเทพ → Bangkok). The walk is
// titled-names.ts's, shared with Khmer.
import { isThaiProperName, isThaiWord } from '../../text/thai-lexicon.js';
import { citiesIn } from '../tag/localized-capitals.js';
import { namesAfterTitles, titleAt, type Segment, type TitledScript } from './titled-names.js';

export const thaiLetters = /\p{Script=Thai}/u;
const onlyThaiLetters = /^[\u0E01-\u0E4E]+$/u;

// Titles of a person: Mr, Mrs, Miss (and its abbreviation), Dr, Samdech (Cambodia's leaders), military and police
// ranks. Whatever follows one is a name.
const personTitles = ['นางสาว', 'นาง', 'นาย', 'น.ส.', 'ดร.', 'สมเด็จ', 'พล.อ.', 'พล.ท.', 'พล.ต.', 'พล.ต.อ.', 'พล.ต.ท.', 'พ.ต.อ.', 'พ.ต.ท.'];
// Offices: followed by a name (ประธานาธิบดีปูติน) as often as by a country or a word (นายกรัฐมนตรีกัมพูชา), so what
// follows one is a name only when the dictionary lists it as one or does not know part of it.
const officeTitles = ['ประธานาธิบดี', 'ปธน.', 'นายกรัฐมนตรี', 'รัฐมนตรีว่าการ', 'รัฐมนตรี', 'รมว.', 'กษัตริย์', 'โฆษก'];

let cities: Map<string, string> | undefined;
let script: TitledScript | undefined;

/** Whether the words of a name as read after an office are a name: listed as one, or not all of them words. */
function looksLikeName(name: string, parts: readonly Segment[]): boolean {
  return isThaiProperName(name) || parts.some((p) => !isThaiWord(p.text) && !isThaiProperName(p.text));
}

function thai(stopwords: ReadonlySet<string>): TitledScript {
  const script: TitledScript = {
    letters: thaiLetters,
    titles: [...personTitles, ...officeTitles].sort((a, b) => b.length - a.length),
    stopwords,
    // CLDR's cities in Thai (one-word names only, as for Georgian).
    cities: () => (cities ??= citiesIn('th', onlyThaiLetters)),
    isName: (name, parts, title) => name.length >= 2 && onlyThaiLetters.test(name) && (personTitles.includes(title) || looksLikeName(name, parts)),
    // The chunk after a name is its surname: a few words, not plain Thai (listed as a name, or not all of them words),
    // with no function word or title after its first word (มาเนต starts with มา, "come"; นายอนุทิน เดินทาง… and
    // "…สหรัฐ และนายอันวาร์" go on with the sentence).
    nextPart: (chunk, segments, ends) => {
      if (!onlyThaiLetters.test(chunk) || segments.length > 4 || segments.some((s) => titleAt(script, chunk, s.start, ends))) return undefined;
      if (segments.slice(1).some((s) => stopwords.has(s.text))) return undefined;
      return isThaiProperName(chunk) || segments.some((s) => !isThaiWord(s.text)) ? chunk : undefined;
    },
    // Thai writes the name against its title.
    partsAfter: () => 0,
  };
  return script;
}

/**
 * The names in a text's Thai: persons after a title with their surnames (one list a person), and CLDR's cities (in
 * English). Each is spelled for nameKey, which reads Thai letters.
 */
export function thaiNames(text: string, stopwords: ReadonlySet<string>): string[][] {
  // One language's stopwords are one Set for the process (cluster-terms.ts): one script for them.
  if (script?.stopwords !== stopwords) script = thai(stopwords);
  return namesAfterTitles(text, script);
}
