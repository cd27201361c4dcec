// One precompiled token trie per lexicon: each article is scanned once, left to right, and at every token the
// longest phrase starting there wins. Cost is O(tokens × longest phrase), independent of the lexicon's size, which
// is what keeps a 5,000-word article at a few milliseconds (no per-country regular expression over the text).
import { tokenize, type Token } from './text.js';

interface TrieNode<T> {
  next: Map<string, TrieNode<T>> | undefined;
  /** Children reached by a token that starts with the key (lexicon words written `negotiat*`). */
  prefixes: Map<string, TrieNode<T>> | undefined;
  values: T[] | undefined;
}

export interface PhraseMatch<T> {
  /** Index of the first token of the match. */
  start: number;
  /** Index one past the last token. */
  end: number;
  values: readonly T[];
}

function node<T>(): TrieNode<T> {
  return { next: undefined, prefixes: undefined, values: undefined };
}

/** The branches a word opens at the root: as a whole word and as the start of a word (`negotiat*`). */
interface RootStart<T> {
  exact: TrieNode<T> | undefined;
  prefix: TrieNode<T> | undefined;
}

/** Shortest prefix a `word*` entry may have: shorter stems match too much. */
const MIN_PREFIX = 3;
/** Distinct words whose root look-up is remembered; the cache starts over when full. */
const ROOT_CACHE_SIZE = 50_000;

export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = node();
  private maxPrefix = 0;
  private readonly rootCache = new Map<string, RootStart<T> | null>();

  /** Adds a phrase; its words go through the article tokenizer; a trailing `*` on a word makes it a prefix. */
  add(phrase: string, value: T): void {
    const words = phrase
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .flatMap((w) => {
        const star = w.endsWith('*');
        const keys = tokenize(star ? w.slice(0, -1) : w).map((t) => t.key);
        if (star && keys.length > 0) keys[keys.length - 1] += '*';
        return keys;
      });
    this.addWords(words, value);
  }

  /** Adds a phrase already split into token keys (a trailing `*` still marks a prefix). */
  addWords(words: readonly string[], value: T): void {
    if (words.length === 0) return;
    this.rootCache.clear();
    let current = this.root;
    for (const word of words) {
      const isPrefix = word.endsWith('*') && word.length > MIN_PREFIX;
      const key = isPrefix ? word.slice(0, -1) : word.replace(/\*$/, '');
      const table = isPrefix ? (current.prefixes ??= new Map()) : (current.next ??= new Map());
      if (isPrefix) this.maxPrefix = Math.max(this.maxPrefix, key.length);
      let child = table.get(key);
      if (!child) {
        child = node();
        table.set(key, child);
      }
      current = child;
    }
    (current.values ??= []).push(value);
  }

  /** Non-overlapping, leftmost-longest matches over already tokenized text. */
  match(tokens: readonly Token[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const best = this.longestAt(tokens, i);
      if (best) {
        found.push(best);
        i = best.end;
      } else {
        i++;
      }
    }
    return found;
  }

  private longestAt(tokens: readonly Token[], i: number): PhraseMatch<T> | undefined {
    // Most words start no phrase: answer those with one look-up and without allocating.
    const start = this.rootStart((tokens[i] as Token).key);
    if (!start) return undefined;
    const { exact: exact0, prefix: prefix0 } = start;
    // A word can continue both an exact branch (`diplomatic channels`) and a prefix branch (`diplomat*`), so
    // follow every live branch; the exact one is listed first and wins a tie.
    let active: TrieNode<T>[] = exact0 && prefix0 ? [exact0, prefix0] : [(exact0 ?? prefix0) as TrieNode<T>];
    let best: PhraseMatch<T> | undefined;
    const firstValues = active.find((n) => n.values)?.values;
    if (firstValues) best = { start: i, end: i + 1, values: firstValues };
    for (let j = i + 1; j < tokens.length && active.length > 0; j++) {
      const key = (tokens[j] as Token).key;
      const next: TrieNode<T>[] = [];
      for (const current of active) {
        if (!current.next && !current.prefixes) continue;
        const exact = current.next?.get(key);
        if (exact) next.push(exact);
        const prefix = current.prefixes ? this.prefixChild(current.prefixes, key) : undefined;
        if (prefix) next.push(prefix);
      }
      const withValues = next.find((n) => n.values);
      if (withValues?.values) best = { start: i, end: j + 1, values: withValues.values };
      active = next;
    }
    return best;
  }

  /**
   * Root look-ups, remembered per word: an article's vocabulary repeats, and so does the next article's. One map
   * answers both the whole-word and the prefix question, where asking each was two look-ups for every token.
   */
  private rootStart(key: string): RootStart<T> | null {
    // Without prefix entries (region names) one look-up is all there is to do, and nothing is worth remembering.
    if (!this.root.prefixes) {
      const exact = this.root.next?.get(key);
      return exact ? { exact, prefix: undefined } : null;
    }
    const cached = this.rootCache.get(key);
    if (cached !== undefined) return cached;
    const exact = this.root.next?.get(key);
    const prefix = this.prefixChild(this.root.prefixes, key);
    const found = exact || prefix ? { exact, prefix } : null;
    if (this.rootCache.size >= ROOT_CACHE_SIZE) this.rootCache.clear();
    this.rootCache.set(key, found);
    return found;
  }

  private prefixChild(prefixes: Map<string, TrieNode<T>>, key: string): TrieNode<T> | undefined {
    // Longest stem first, so `negotiat*` beats `neg*` when both exist.
    for (let len = Math.min(key.length, this.maxPrefix); len >= MIN_PREFIX; len--) {
      const child = prefixes.get(key.slice(0, len));
      if (child) return child;
    }
    return undefined;
  }
}
