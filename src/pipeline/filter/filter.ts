// Which stories a source or a route lets through, written the way people write searches (issue 11):
//   oil "gas deal" -sport            words and phrases, whole words, any case; `-` excludes
//   sanctions or embargo             `or` between two terms: either
//   country:AZ,AM region:south-caucasus topic:energy lang:ru   what the story is about; commas: any of these
// Every term must hold. A word typed in capitals that is also a common word ("WHO", "US", "IT") asks for the
// capitals, so a follow on the WHO is not told of every article with "who" in it. Matching compares the article's
// words as the tag tokenizer reads them (accents folded, Chinese or Thai split into words), so no user-written pattern
// ever runs: the cost is one pass over the article's words plus a look-up per term, whatever anyone types. Words in a
// script without spaces are looked for by their letters (北京 in 北京市), since ICU's word boundaries move with context.
import { UserError } from '../../errors.js';
import { stopwordsOf } from '../../text/stopwords.js';
import { isUnspacedRun, joinWords } from '../../text/unspaced.js';
import { tokenize, type Token } from '../tag/text.js';

export type FilterField = 'country' | 'region' | 'topic' | 'language';

/** One condition: words in order (a phrase; a word in capitals must be written so), or a field with the values any
 * of which will do. */
export type FilterAtom = { words: string[] } | { field: FilterField; values: string[] };

export interface FilterTerm {
  /** Any of these (more than one when joined by `or`). */
  anyOf: FilterAtom[];
  exclude: boolean;
}

export interface Filter {
  terms: FilterTerm[];
}

/** What a filter looks at: the article's words and what the pipeline found it is about. */
export interface FilterTarget {
  title: string;
  text: string;
  countries: readonly string[];
  regions: readonly string[];
  topics: readonly string[];
  language?: string | null | undefined;
}

/** Resolves what a moderator typed after `country:` and the like to the stored code or slug, or undefined. */
export type FieldResolver = (field: FilterField, typed: string) => string | undefined;

export const maxFilterLength = 300;
const maxTerms = 20;
const maxPhraseWords = 8;
const fields: Record<string, FilterField> = { country: 'country', region: 'region', topic: 'topic', lang: 'language', language: 'language' };

/** The terms as typed: quoted phrases stay whole, a leading `-` and a `field:` prefix are kept. */
function lex(text: string): string[] {
  return text.match(/-?(?:[\p{L}\p{N}_]+:)?"[^"]*"?|\S+/gu) ?? [];
}

/**
 * Parses a filter; `resolve` turns typed field values into codes (codes and slugs pass as they are without one).
 * `stored`: the form formatFilter wrote back, which may be longer than what was typed (region aliases become slugs,
 * "Nagorno-Karabakh" a quoted phrase): the length limit is for typing, and a stored filter refused by it was read as
 * no filter at all, posting (and pinging for) every story.
 */
export function parseFilter(text: string, resolve?: FieldResolver, options: { stored?: boolean } = {}): Filter {
  if (!options.stored && text.length > maxFilterLength) throw new UserError('limit', `A filter holds at most ${maxFilterLength} characters.`);
  const terms: FilterTerm[] = [];
  let joinNext = false;
  for (const raw of lex(text.trim())) {
    if (/^or$/i.test(raw) && terms.length && !joinNext) {
      joinNext = true;
      continue;
    }
    const exclude = raw.startsWith('-') && raw.length > 1;
    const body = exclude ? raw.slice(1) : raw;
    const atom = atomOf(body, resolve);
    if (!atom) continue;
    const last = terms[terms.length - 1];
    // "sport or -football" cannot be said with terms that each must match or must not: read as "sport -football",
    // it dropped what the moderator meant to keep. Said instead, when typed.
    if (joinNext && last && (last.exclude || exclude) && !options.stored) {
      throw new UserError('invalid', '"or" joins words to look for; it cannot join an excluded -word. Write `sport -football` to leave football out, or `sport or football` for either.');
    }
    if (joinNext && last && !last.exclude && !exclude) last.anyOf.push(atom);
    else terms.push({ anyOf: [atom], exclude });
    joinNext = false;
  }
  if (terms.length > maxTerms) throw new UserError('limit', `A filter holds at most ${maxTerms} terms.`);
  if (!terms.length) throw new UserError('invalid', 'That filter has no words to look for. Write words, "a phrase", -excluded, or country:, region:, topic:, lang:.');
  return { terms };
}

function atomOf(body: string, resolve: FieldResolver | undefined): FilterAtom | undefined {
  const field = /^([\p{L}_]+):(.+)$/u.exec(body);
  if (field && fields[field[1]!.toLowerCase()]) {
    const name = fields[field[1]!.toLowerCase()]!;
    const values = field[2]!
      .replace(/^"|"$/g, '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => {
        const resolved = resolve ? resolve(name, v) : v;
        if (!resolved) throw new UserError('invalid', `Gazette does not know the ${name} "${v}". ${hintFor(name)}`);
        return resolved;
      });
    return values.length ? { field: name, values } : undefined;
  }
  const words = tokenize(body.replace(/^"|"$/g, '')).map((t) => (t.upper ? capitalsKey(t) : t.key));
  if (words.length > maxPhraseWords) throw new UserError('limit', `A quoted phrase in a filter holds at most ${maxPhraseWords} words.`);
  return words.length ? { words } : undefined;
}

function hintFor(field: FilterField): string {
  if (field === 'country') return 'Use an English name or ISO code, such as country:Georgia or country:GE.';
  if (field === 'region') return 'Use one of this server’s regions, such as region:south-caucasus (the region option of `/news latest` lists them as you type).';
  if (field === 'topic') return 'Use a topic such as topic:energy or topic:elections.';
  return 'Use a two-letter language code, such as lang:ru.';
}

/** The filter written back in its stored form: codes and slugs instead of what was typed, one space apart. */
export function formatFilter(filter: Filter): string {
  return filter.terms
    .map((term) => {
      const atoms = term.anyOf.map((a) => ('words' in a ? (a.words.length > 1 ? `"${a.words.join(' ')}"` : a.words[0]!) : `${a.field === 'language' ? 'lang' : a.field}:${a.values.join(',')}`));
      return `${term.exclude ? '-' : ''}${atoms.join(' or ')}`;
    })
    .join(' ');
}

/** Whether a stored filter names a value of a field, included or excluded (a region about to be removed, say). */
export function storedFilterNames(text: string, field: FilterField, value: string): boolean {
  let filter: Filter;
  try {
    filter = parseFilter(text, undefined, { stored: true });
  } catch {
    return false; // unreadable: planning reads it as no filter at all, naming nothing
  }
  return filterValues(filter, field).includes(value);
}

/** The values a filter names for a field, included or excluded, once each (the regions a new filter needs, say). */
export function filterValues(filter: Filter, field: FilterField): string[] {
  return [...new Set(filter.terms.flatMap((t) => t.anyOf.flatMap((a) => ('field' in a && a.field === field ? a.values : []))))];
}

// English function words that are also acronyms (WHO, US, IT, UN, AM): in capitals, a different word.
const commonWords = stopwordsOf('en');

/** A word in capitals as filters keep it apart: its key in capitals when its lower-case form is a common word. */
function capitalsKey(token: Token): string {
  return commonWords.has(token.key) ? token.key.toUpperCase() : token.key;
}

/** How much of an article's text filters and keyword follows read: about 15,000 words, past any news report. Matching
 * runs on the thread that plans posts, and reading a 4 MB page whole there held it for a second. */
export const filterTextLength = 100_000;

/** Between the title's words and the text's: no word, so a phrase does not run from the headline into the text. */
export const wordGap = '|';

/**
 * An article's words in order as filters and follows read them: the title's, the gap, the text's. `capitals` has
 * the same words with those written in capitals as capitalsKey keeps them (equal to `words` when there are none);
 * a line shouted in capitals has none, since its capitals say nothing.
 */
export function filterWordSequence(title: string, text: string): { words: string[]; capitals: string[] } {
  const words: string[] = [];
  const capitals: string[] = [];
  for (const part of [title, text.length > filterTextLength ? text.slice(0, filterTextLength) : text]) {
    if (words.length) {
      words.push(wordGap);
      capitals.push(wordGap);
    }
    const tokens = tokenize(part);
    const shouted = tokens.filter((t) => t.upper).length * 2 > tokens.filter((t) => t.key.length > 1).length && tokens.length > 3;
    for (const t of tokens) {
      words.push(t.key);
      capitals.push(t.upper && !shouted ? capitalsKey(t) : t.key);
    }
  }
  return { words, capitals };
}

/** A matcher over one article, built once and asked by every filter that looks at it. */
export function filterMatcher(target: FilterTarget): (filter: Filter) => boolean {
  // Each word's positions, appended in place: copying the list per occurrence made an article repeating a word 80,000
  // times take a minute, on the thread that plans posts. A word in capitals is at its place under both keys.
  let read: ReturnType<typeof filterWordSequence> | undefined;
  const sequence = () => (read ??= filterWordSequence(target.title, target.text));
  let positions: Map<string, Set<number>> | undefined;
  const wordsAt = () => {
    if (!positions) {
      const index = (positions = new Map());
      const { words, capitals } = sequence();
      const add = (key: string, i: number) => {
        const at = index.get(key);
        if (at) at.add(i);
        else index.set(key, new Set([i]));
      };
      words.forEach((key, i) => {
        add(key, i);
        if (capitals[i] !== key) add(capitals[i]!, i);
      });
    }
    return positions;
  };
  let joined: string | undefined;
  const has = (atom: FilterAtom): boolean => {
    if ('field' in atom) {
      const values = atom.field === 'country' ? target.countries : atom.field === 'region' ? target.regions : atom.field === 'topic' ? target.topics : [target.language ?? ''];
      return atom.values.some((v) => values.some((x) => x.toLowerCase() === v.toLowerCase()));
    }
    const run = joinWords(atom.words);
    if (isUnspacedRun(run)) return (joined ??= joinWords(sequence().words)).includes(run);
    const index = wordsAt();
    const [first, ...rest] = atom.words;
    for (const start of index.get(first!) ?? []) if (rest.every((w, i) => index.get(w)?.has(start + i + 1))) return true;
    return false;
  };
  return (filter) => filter.terms.every((term) => term.anyOf.some(has) !== term.exclude);
}
