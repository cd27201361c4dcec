// Which Thai words are names, for clustering across languages (name-keys.ts, docs/adr/0005-story-clustering.md).
// Thai has no capitals and no spaces between words, and a word the dictionary does not know is no sign of a name:
// ICU's segmenter cuts an unknown name into syllables that are words (ปูติน → ปู "crab" + ติน), and Thai given names
// are words (แพทองธาร: raft, gold, stream; อนุทิน: diary). What Thai news does mark is a person: a title stands before
// the name at nearly every mention (นายอนุทิน, สมเด็จฮุน มาเนต, น.ส.แพทองธาร), the surname follows after a space. So a
// name is what follows a title, up to the next space or function word; the chunk after it is its surname when it is
// not plain Thai words; and a city CLDR names in Thai is keyed by its English name (กรุงเทพ → Bangkok).
import { capitalsIn } from '../tag/localized-capitals.js';
import { segmentWords } from '../../text/unspaced.js';
import { isThaiProperName, isThaiWord } from '../../text/thai-lexicon.js';

export const thaiLetters = /\p{Script=Thai}/u;
const onlyThaiLetters = /^[\u0E01-\u0E4E]+$/u;

// Titles of a person: Mr, Mrs, Miss (and its abbreviation), Dr, Samdech (Cambodia's leaders), military and police
// ranks. Whatever follows one is a name.
const personTitles = ['นางสาว', 'นาง', 'นาย', 'น.ส.', 'ดร.', 'สมเด็จ', 'พล.อ.', 'พล.ท.', 'พล.ต.', 'พล.ต.อ.', 'พล.ต.ท.', 'พ.ต.อ.', 'พ.ต.ท.'];
// Offices: followed by a name (ประธานาธิบดีปูติน) as often as by a country or a word (นายกรัฐมนตรีกัมพูชา), so what
// follows one is a name only when the dictionary lists it as one or does not know part of it.
const officeTitles = ['ประธานาธิบดี', 'ปธน.', 'นายกรัฐมนตรี', 'รัฐมนตรีว่าการ', 'รัฐมนตรี', 'รมว.', 'กษัตริย์', 'โฆษก'];
const titles = [...personTitles, ...officeTitles].sort((a, b) => b.length - a.length);

let cities: Map<string, string> | undefined;

/** CLDR's cities in Thai with their English names (one-word names only, as for Georgian). */
function cityByName(): Map<string, string> {
  cities ??= new Map(capitalsIn('th').filter((c) => onlyThaiLetters.test(c.name) && /^\p{L}+$/u.test(c.english)).map((c) => [c.name, c.english]));
  return cities;
}

interface Segment {
  text: string;
  start: number;
  end: number;
}

/** The title that starts at `at` and ends where a word does (นาย in นายอนุทิน, not in นายกรัฐมนตรี), if any. */
function titleAt(chunk: string, at: number, ends: ReadonlySet<number>): string | undefined {
  // An abbreviation's full stop ends it even inside what ICU takes for one word (น.ส.แพ).
  return titles.find((t) => chunk.startsWith(t, at) && (t.endsWith('.') || ends.has(at + t.length) || at + t.length === chunk.length));
}

/** Whether the words of a name as read after an office are a name: listed as one, or not all of them words. */
function looksLikeName(name: string, parts: readonly Segment[]): boolean {
  return isThaiProperName(name) || parts.some((p) => !isThaiWord(p.text) && !isThaiProperName(p.text));
}

/**
 * Whether the chunk after a name is its surname: a few words, not plain Thai (listed as a name, or not all of them
 * words), with no function word or title after its first word (มาเนต starts with มา, "come"; นายอนุทิน เดินทาง…
 * and "…สหรัฐ และนายอันวาร์" go on with the sentence).
 */
function isSurname(chunk: string, segments: readonly Segment[], ends: ReadonlySet<number>, stopwords: ReadonlySet<string>): boolean {
  if (!onlyThaiLetters.test(chunk) || segments.length > 4 || segments.some((s) => titleAt(chunk, s.start, ends))) return false;
  if (segments.slice(1).some((s) => stopwords.has(s.text))) return false;
  return isThaiProperName(chunk) || segments.some((s) => !isThaiWord(s.text));
}

/**
 * The names in a text's Thai: persons after a title with their surnames, and CLDR's cities (in English). Each is
 * spelled for nameKey, which reads Thai letters.
 */
export function thaiNames(text: string, stopwords: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let surnameMayFollow = false;
  for (const raw of text.split(/\s+/)) {
    const chunk = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}.]+$/gu, '').replace(/[ฯๆ]+$/u, '');
    const surname = surnameMayFollow;
    surnameMayFollow = false;
    if (!thaiLetters.test(chunk)) continue;
    const segments: Segment[] = [...segmentWords(chunk)].map((s) => ({ text: s.segment, start: s.index, end: s.index + s.segment.length }));
    const ends = new Set(segments.map((s) => s.end));
    // Thai writes a person's given name and surname apart: "นายอนุทิน ชาญวีรกูล". A chunk of ordinary words after a
    // name is the sentence going on (นายอนุทิน เดินทาง…).
    if (surname && isSurname(chunk, segments, ends, stopwords)) out.push(chunk);
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const city = cityByName().get(segment.text) ?? (i + 1 < segments.length ? cityByName().get(segment.text + segments[i + 1]!.text) : undefined);
      if (city) {
        out.push(city);
        continue;
      }
      const title = titleAt(chunk, segment.start, ends);
      if (!title) continue;
      const from = segment.start + title.length;
      // The name runs to the chunk's end or to the first function word or title after it (นายอนุทินกล่าวว่า…).
      const parts: Segment[] = [];
      let j = i;
      while (j < segments.length && segments[j]!.end <= from) j++;
      // The rest of a word the abbreviation began (แพ of น.ส.แพ).
      if (j < segments.length && segments[j]!.start < from) parts.push({ text: chunk.slice(from, segments[j]!.end), start: from, end: segments[j++]!.end });
      for (; j < segments.length; j++) {
        const next = segments[j]!;
        if (stopwords.has(next.text) || titleAt(chunk, next.start, ends) || cityByName().has(next.text)) break;
        parts.push(next);
      }
      i = j - 1;
      const name = parts.map((p) => p.text).join('');
      if (name.length < 2 || !onlyThaiLetters.test(name) || (!personTitles.includes(title) && !looksLikeName(name, parts))) continue;
      out.push(name);
      surnameMayFollow = parts.at(-1)!.end === chunk.length;
    }
  }
  return out;
}
