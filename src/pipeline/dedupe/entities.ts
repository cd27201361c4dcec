// Proper names in a text ("Yekaterinburg", "Sputnik", "Hun Manet"): the strongest sign that two outlets report the
// same event. A name is a run of capitalised words (or an acronym). A run that opens a sentence counts only if its
// first word is also seen capitalised mid-sentence, since every sentence starts with a capital. Scripts without
// case (Arabic, CJK) yield none; clustering then relies on shingles and countries.

const stopwords = new Set(
  ('a an and are as at be but by for from had has have he her his i if in into is it its not of on or our she so that the their ' +
    'them then there these they this those to was we were what when where which while who will with would you your ' +
    'after before about also however meanwhile according among since during though although yet once now still even ' +
    'mr mrs ms dr prof president minister prime ambassador monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december ' +
    'read more share follow download app news politics opinion video photo image').split(' '),
);

export interface EntityCount {
  name: string;
  count: number;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && (/\p{Ll}/u.test(w) || /^\p{Lu}{2,6}$/u.test(w));
const clean = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/u, '');
const normalize = (words: string[]) => words.join(' ').normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

/** Proper-name phrases with their counts, most frequent first (ties: first seen first). */
export function extractEntities(text: string, limit = 40): EntityCount[] {
  const runs: { words: string[]; opensSentence: boolean }[] = [];
  const seenMidSentence = new Set<string>();
  for (const sentence of text.split(/(?<=[.!?…])\s+|\n+/u)) {
    const tokens = sentence.split(/\s+/u).filter(Boolean);
    let run: string[] = [];
    let opensSentence = false;
    const close = () => {
      // Longer runs are Title Case headlines, not names; their words recur in the body anyway.
      if (run.length && run.length <= 4) runs.push({ words: run, opensSentence });
      run = [];
    };
    tokens.forEach((token, i) => {
      if (/^[(“"«‘'[]/u.test(token)) close();
      const word = clean(token);
      const lower = word.toLowerCase();
      if (word && isCapitalised(word) && !stopwords.has(lower)) {
        if (run.length === 0) opensSentence = i === 0;
        run.push(word);
        if (i > 0) seenMidSentence.add(lower);
      } else close();
      // Punctuation ends a name: "Yekaterinburg, Voronezh" are two.
      if (/[,;:)”"»’\]&]$/u.test(token) || token === '&') close();
    });
    close();
  }
  const counts = new Map<string, { count: number; first: number }>();
  runs.forEach(({ words, opensSentence }, position) => {
    // "Russian police …": drop an opening word that is only capitalised because it opens the sentence.
    const phrase = opensSentence && !seenMidSentence.has(words[0]!.toLowerCase()) ? words.slice(1) : words;
    if (!phrase.length) return;
    const name = normalize(phrase);
    if (name.length < 3 || stopwords.has(name)) return;
    const entry = counts.get(name);
    if (entry) entry.count++;
    else counts.set(name, { count: 1, first: position });
  });
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .slice(0, limit)
    .map(([name, { count }]) => ({ name, count }));
}
