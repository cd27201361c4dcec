// Property-style checks of the offline summarizer over generated articles: mixed languages and scripts, one giant
// sentence, text without punctuation, furniture, headings. Whatever the input, the summary is at most 4 whole
// sentences taken from the text (or the title), within 600 characters, and has at least 2 whenever the text holds
// two ordinary sentences.
import { describe, expect, it } from 'vitest';
import { isFurniture } from '../../../src/pipeline/summarize/furniture.js';
import { joinSummary, joinedLength, MAX_SUMMARY_CHARS } from '../../../src/pipeline/summarize/limits.js';
import { summarizeOffline } from '../../../src/pipeline/summarize/offline.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const WORDS: Record<string, string[]> = {
  en: ['government', 'border', 'talks', 'minister', 'officials', 'said', 'on', 'Tuesday', 'the', 'new', 'agreement', 'troops', 'city', 'crisis', 'vote'],
  ru: ['правительство', 'граница', 'переговоры', 'министр', 'заявил', 'во', 'вторник', 'новое', 'соглашение', 'войска', 'город'],
  ar: ['الحكومة', 'الحدود', 'المحادثات', 'الوزير', 'قال', 'يوم', 'الثلاثاء', 'اتفاق', 'جديد', 'القوات', 'المدينة'],
};
const CJK = ['政府', '边境', '谈判', '部长', '周二', '表示', '新的', '协议', '军队', '城市'];
/** Page-end prompts: the short blurbs after them count as furniture too, so the generator counts nothing after. */
const PAGE_END_LINES = ['DOWNLOAD THE APP', 'Sign up for our newsletter', 'Share this article', 'Follow us on Twitter'];
const FURNITURE_LINES = ['DOWNLOAD THE APP', 'Read more: Border talks collapse', 'Share this article', 'Follow us on Twitter', 'Sign up for our newsletter', 'Advertisement', 'Photo: Reuters', 'By John Smith', "The views expressed in this article are the author's own.", 'We use cookies to improve your experience. Accept cookies.'];

interface Generated {
  title: string;
  text: string;
  language: string;
  /** Ordinary sentences of 4+ words and under 300 characters that the generator put before any page-end prompt. */
  ordinary: number;
}

function generate(random: () => number): Generated {
  const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const language = pick(['en', 'ru', 'ar', 'zh', 'en', 'en']);
  const words = (n: number): string => {
    if (language === 'zh') return Array.from({ length: n }, () => pick(CJK)).join('');
    return Array.from({ length: n }, () => pick(WORDS[language] as string[])).join(' ');
  };
  const stop = (): string => (language === 'zh' ? pick(['。', '！', '？']) : language === 'ar' ? pick(['.', '؟']) : pick(['.', '.', '!', '?']));
  const blocks: string[] = [];
  let ordinary = 0;
  let ended = false;
  const parts = 1 + Math.floor(random() * 10);
  for (let p = 0; p < parts; p++) {
    const kind = random();
    if (kind < 0.5) {
      const count = 1 + Math.floor(random() * 4);
      const sentences = Array.from({ length: count }, () => {
        const body = words(4 + Math.floor(random() * 30));
        return language === 'zh' ? body + stop() : body.charAt(0).toUpperCase() + body.slice(1) + stop();
      });
      if (!ended) ordinary += sentences.filter((s) => s.length < 300).length;
      blocks.push(sentences.join(language === 'zh' ? '' : ' '));
    } else if (kind < 0.6) {
      blocks.push(`${words(400)}.`); // one giant sentence
    } else if (kind < 0.7) {
      blocks.push(words(5 + Math.floor(random() * 200))); // no punctuation at all
    } else if (kind < 0.85) {
      const line = pick(FURNITURE_LINES);
      if (PAGE_END_LINES.includes(line)) ended = true;
      blocks.push(line);
    } else {
      blocks.push(words(3)); // a heading
    }
  }
  return { title: words(6), text: blocks.join(random() < 0.5 ? '\n\n' : '\n'), language, ordinary };
}

const squash = (s: string): string => s.replace(/\s+/gu, ' ');

describe('offline summary rules hold for any text', () => {
  it('is 1–4 whole sentences from the text or the title, within 600 characters, 2+ when there are two', () => {
    const random = seededRandom(20_250_710);
    for (let run = 0; run < 400; run++) {
      const input = generate(random);
      const summary = summarizeOffline(input);
      const context = `run ${run}: ${JSON.stringify(input).slice(0, 300)}`;
      expect(summary.length, context).toBeLessThanOrEqual(4);
      expect(joinedLength(summary), context).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
      expect(joinSummary(summary).length, context).toBe(joinedLength(summary));
      if (input.ordinary >= 2) expect(summary.length, context).toBeGreaterThanOrEqual(2);
      if (input.ordinary >= 1) expect(summary.length, context).toBeGreaterThanOrEqual(1);
      const text = squash(input.text);
      for (const sentence of summary) {
        expect(text.includes(sentence) || sentence === input.title, `${context}\ninvented: ${sentence}`).toBe(true);
        expect(isFurniture(sentence), `${context}\nfurniture: ${sentence}`).toBe(false);
      }
    }
  });

  it('falls back to the title when the text is one giant sentence', () => {
    const giant = `${Array.from({ length: 300 }, (_, i) => `clause${i}`).join(', ')}.`;
    expect(summarizeOffline({ title: 'Border talks collapse', text: giant })).toEqual(['Border talks collapse']);
  });

  it('returns the one sentence there is, without inventing a second', () => {
    expect(summarizeOffline({ title: 'Talks', text: 'The border talks collapsed on Tuesday after a week.' })).toEqual([
      'The border talks collapsed on Tuesday after a week.',
    ]);
  });

  it('uses short sentences and lines without punctuation only when nothing better exists', () => {
    expect(summarizeOffline({ title: 'T', text: 'Talks failed. Troops left.' })).toEqual(['Talks failed.', 'Troops left.']);
    expect(summarizeOffline({ title: 'T', text: 'logo\n#\nBaku expels Russian journalists after raids' })).toEqual([
      'Baku expels Russian journalists after raids',
    ]);
  });

  it('returns nothing at all for an empty text without a title', () => {
    expect(summarizeOffline({ title: '', text: '' })).toEqual([]);
    expect(summarizeOffline({ title: 'Only a title', text: 'Share this\nAdvertisement' })).toEqual(['Only a title']);
  });

  it('shortens only a title that is itself over the limit', () => {
    const [summary] = summarizeOffline({ title: 'word '.repeat(200), text: '' });
    expect(summary?.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  });
});
