// Synthetic news text for the Discord benchmark: a word-bigram chain learnt from real news articles (the CNN/DailyMail
// dev set in shared/), so titles and summaries have news vocabulary with its natural, Zipf-like word frequencies and
// real word pairs — full-text search then has realistic work to do (common words match many stories, names few).
import { readFileSync } from 'node:fs';

export interface Corpus {
  title(): string;
  summary(): string;
  /** A search a member might type: headline words, sometimes a quoted phrase or an excluded word. */
  query(): string;
}

const stopWords = new Set(
  'a an the and or but if of in on at to for from by with about as into over after before than then that this these those it its is are was were be been being has have had do does did not no so he she they we you i his her their our my me him them who whom which what when where why how said says will would can could may might also just more most some any all one two new up out'.split(' '),
);

/** Articles' text, one string per article, from a JSON-lines file with an `article` field. */
export function readArticles(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { article?: unknown }).article ?? ''));
}

export function buildCorpus(articles: string[], random: () => number): Corpus {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const article of articles) {
    for (const sentence of article.split(/(?<=[.!?])\s+/)) {
      const words = sentence.replace(/[^\p{L}\p{N}'’ -]+/gu, ' ').split(/\s+/).filter((w) => w && w.length < 25);
      if (words.length < 4) continue;
      starts.push(words[0]!);
      for (let i = 0; i + 1 < words.length; i++) {
        const list = next.get(words[i]!) ?? [];
        list.push(words[i + 1]!);
        next.set(words[i]!, list);
      }
    }
  }
  if (!starts.length) throw new Error('The benchmark corpus needs some article text to learn words from.');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const walk = (length: number): string[] => {
    const out = [pick(starts)];
    while (out.length < length) {
      const options = next.get(out[out.length - 1]!);
      out.push(options ? pick(options) : pick(starts));
    }
    return out;
  };
  const sentence = (min: number, max: number) => `${walk(min + Math.floor(random() * (max - min + 1))).join(' ')}.`;
  const content = (w: string) => w.length >= 4 && !stopWords.has(w.toLowerCase());
  return {
    title() {
      return walk(7 + Math.floor(random() * 8))
        .join(' ')
        .replace(/^./, (c) => c.toUpperCase());
    },
    summary() {
      // 2–4 sentences within the pipeline's 600-character cap.
      const parts: string[] = [];
      const count = 2 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) parts.push(sentence(12, 24));
      let text = parts.join(' ');
      while (text.length > 600) text = `${text.slice(0, text.lastIndexOf(' ', 590))}.`;
      return text;
    },
    query() {
      const words = walk(7 + Math.floor(random() * 8));
      const headline = words.filter(content);
      if (headline.length === 0) return pick([...next.keys()].filter(content));
      const roll = random();
      const first = pick(headline);
      if (roll < 0.5 || headline.length < 2) return first;
      const second = pick(headline.filter((w) => w !== first));
      if (roll < 0.8) return `${first} ${second}`;
      if (roll < 0.9) {
        // A phrase: two neighbouring words of a headline-like walk, as someone quoting a headline would type.
        const pairs = words.slice(1).flatMap((w, i) => (content(w) || content(words[i]!) ? [`"${words[i]} ${w}"`] : []));
        return pairs.length ? pick(pairs) : first;
      }
      return `${first} -${second}`;
    },
  };
}
