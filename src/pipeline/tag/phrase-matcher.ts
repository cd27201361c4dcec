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

/** Shortest prefix a `word*` entry may have: shorter stems match too much. */
const MIN_PREFIX = 3;
/** Distinct words whose root prefix look-up is remembered; the cache starts over when full. */
const ROOT_PREFIX_CACHE_SIZE = 50_000;

export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = node();
  private maxPrefix = 0;
  private readonly rootPrefixCache = new Map<string, TrieNode<T> | null>();

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
    this.rootPrefixCache.clear();
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
    // Most words start no phrase: answer those from the root without allocating.
    const firstKey = (tokens[i] as Token).key;
    const exact0 = this.root.next?.get(firstKey);
    const prefix0 = this.root.prefixes ? this.rootPrefixChild(firstKey) : undefined;
    if (!exact0 && !prefix0) return undefined;
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

  /** Root prefix look-ups, remembered per word: an article's vocabulary repeats, and so does the next article's. */
  private rootPrefixChild(key: string): TrieNode<T> | undefined {
    const cached = this.rootPrefixCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.prefixChild(this.root.prefixes as Map<string, TrieNode<T>>, key);
    if (this.rootPrefixCache.size >= ROOT_PREFIX_CACHE_SIZE) this.rootPrefixCache.clear();
    this.rootPrefixCache.set(key, found ?? null);
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
