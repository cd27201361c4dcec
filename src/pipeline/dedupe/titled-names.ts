// Names in the scripts that have neither capitals nor spaces between words (Thai, Khmer), for clustering across
// languages (name-keys.ts, docs/adr/0005-story-clustering.md). Their news marks a person instead: a title before the
// name at nearly every mention (นายอนุทิน, លោក អនុទិន), the name's other part after a space (ฮุน มาเนต, ហ៊ុន ម៉ាណែត).
// Each language says which titles it has and how a name is told from the sentence going on; the walk over the text is
// shared (and CLDR's cities, keyed by their English names: localized-capitals.ts's citiesIn).
import { segmentWords } from '../../text/unspaced.js';
import { charIn, trimEndWhere } from '../../text/trim.js';

// What ends a chunk without being part of a name (punctuation, a closing quote), and the Thai and Khmer repetition
// and abbreviation marks: trimmed by a loop, as a regular expression anchored at the end is quadratic on a long run.
const notNamePart = (char: string) => !/[\p{L}\p{M}\p{N}.]/u.test(char);
const isRepeatMark = charIn(/[ฯๆៗ]/u);

export interface Segment {
  text: string;
  start: number;
  end: number;
}

/** How one language marks its names. */
export interface TitledScript {
  /** A chunk with one of these letters is read. */
  letters: RegExp;
  /** Titles, longest first. */
  titles: readonly string[];
  /** Words that end a name (function words, and in Khmer the verbs a sentence goes on with). */
  stopwords: ReadonlySet<string>;
  cities: () => ReadonlyMap<string, string>;
  /** Whether the words after a title, in the title's own chunk, are a name. */
  isName: (name: string, parts: readonly Segment[], title: string) => boolean;
  /** The name part a whole chunk after a name (or after a title ending its chunk) holds, if any. */
  nextPart: (chunk: string, segments: readonly Segment[], ends: ReadonlySet<number>) => string | undefined;
  /** How many chunks after a title that ends its own chunk may hold the name (Khmer writes "លោក ដូណាល់ ត្រាំ"). */
  partsAfter: (title: string) => number;
}

/** A chunk's words as ICU finds them, with where each starts and ends. */
export function segmentsOf(chunk: string): Segment[] {
  return [...segmentWords(chunk)].map((s) => ({ text: s.segment, start: s.index, end: s.index + s.segment.length }));
}

/** The title that starts at `at` and ends where a word does (นาย in นายอนุทิน, not in นายกรัฐมนตรี), if any. */
export function titleAt(script: TitledScript, chunk: string, at: number, ends: ReadonlySet<number>): string | undefined {
  // An abbreviation's full stop ends it even inside what ICU takes for one word (น.ส.แพ).
  return script.titles.find((t) => chunk.startsWith(t, at) && (t.endsWith('.') || ends.has(at + t.length) || at + t.length === chunk.length));
}

/**
 * The segments from `from` up to the first function word, title or city: a name as long as it goes on (the rest of a
 * word an abbreviation began, แพ of น.ส.แพ, first); and the index of the segment it stopped at.
 */
export function partsFrom(script: TitledScript, chunk: string, segments: readonly Segment[], ends: ReadonlySet<number>, from: number): { parts: Segment[]; next: number } {
  const parts: Segment[] = [];
  let j = 0;
  while (j < segments.length && segments[j]!.end <= from) j++;
  if (j < segments.length && segments[j]!.start < from) parts.push({ text: chunk.slice(from, segments[j]!.end), start: from, end: segments[j++]!.end });
  for (; j < segments.length; j++) {
    const next = segments[j]!;
    if (script.stopwords.has(next.text) || titleAt(script, chunk, next.start, ends) || script.cities().has(next.text)) break;
    parts.push(next);
  }
  return { parts, next: j };
}

/**
 * The names in a text, each with the parts that stand with it as one person's name: persons after a title with the
 * name's other parts (ฮุน + มาเนต: one person, which joins across languages count as one), and CLDR's cities (in
 * English), each alone.
 */
export function namesAfterTitles(text: string, script: TitledScript): string[][] {
  const out: string[][] = [];
  // How many of the next chunks may still be part of the name just read, or of the one a title announced.
  let partsLeft = 0;
  // The person those chunks would add to (none after a title that ended its chunk: the next part starts one).
  let named: string[] | undefined;
  for (const raw of text.split(/\s+/)) {
    const chunk = trimEndWhere(trimEndWhere(raw.replace(/^[^\p{L}\p{N}]+/u, ''), notNamePart), isRepeatMark);
    const left = partsLeft;
    let person = left > 0 ? named : undefined;
    partsLeft = 0;
    named = undefined;
    if (!script.letters.test(chunk)) continue;
    // Punctuation after a chunk ends the name (ណេតាន់យ៉ាហ៊ូ៖ អ៊ីស្រាអែល…: "Netanyahu: Israel…").
    const closed = /[^\p{L}\p{M}\p{N}.]$/u.test(raw);
    const segments = segmentsOf(chunk);
    const ends = new Set(segments.map((s) => s.end));
    if (left > 0) {
      const part = script.nextPart(chunk, segments, ends);
      if (part) {
        // The name's next part, or its first after a title that ended its chunk (Khmer's "លោក ដូណាល់ ត្រាំ").
        if (person) person.push(part);
        else out.push((person = [part]));
        if (part.length === chunk.length && !closed) {
          partsLeft = left - 1;
          named = person;
        }
      }
    }
    const cities = script.cities();
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const city = cities.get(segment.text) ?? (i + 1 < segments.length ? cities.get(segment.text + segments[i + 1]!.text) : undefined);
      if (city) {
        out.push([city]);
        continue;
      }
      const title = titleAt(script, chunk, segment.start, ends);
      if (!title) continue;
      const from = segment.start + title.length;
      if (from === chunk.length) {
        partsLeft = closed ? 0 : script.partsAfter(title);
        named = undefined;
        break;
      }
      const { parts, next } = partsFrom(script, chunk, segments, ends, from);
      i = next - 1;
      const name = parts.map((p) => p.text).join('');
      if (!parts.length || !script.isName(name, parts, title)) continue;
      named = [name];
      out.push(named);
      partsLeft = parts.at(-1)!.end === chunk.length && !closed ? 1 : 0;
    }
  }
  return out;
}
