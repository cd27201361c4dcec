// Scripts whose sentences do not end with a full stop as Latin text does: Thai and Lao end a sentence with a space, so
// a paragraph is one "sentence" longer than a summary may be (the summary was the title alone); Armenian text online
// often ends sentences with an ASCII colon for want of ։ (a paragraph was one sentence, too long to use).
import { describe, expect, it } from 'vitest';
import { splitSentences, summarizeOffline } from '../../../src/pipeline/summarize/index.js';
import { endsLikeSentence } from '../../../src/pipeline/summarize/sentences.js';
import { MAX_SUMMARY_CHARS } from '../../../src/pipeline/summarize/limits.js';
import { leadClauses } from '../../../src/pipeline/summarize/extractive.js';
import { crossingInThai, declarationInThai } from '../../helpers/thai-reports.js';

describe('a Thai article whose paragraphs are longer than a summary', () => {
  it('is summarized by the start of its first paragraph, cut at a space, not by its title', () => {
    const paragraph = `${declarationInThai.text} ${crossingInThai.text}`;
    expect(paragraph.length).toBeGreaterThan(MAX_SUMMARY_CHARS);
    const summary = summarizeOffline({ title: declarationInThai.title, text: `${paragraph}\n\n${paragraph}`, language: 'th' });
    expect(summary).toHaveLength(1);
    const [lead] = summary as [string];
    expect(lead.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(lead.endsWith('…')).toBe(true);
    // Whole phrases: what precedes the ellipsis is followed by a space in the article.
    expect(paragraph.startsWith(`${lead.slice(0, -1)} `)).toBe(true);
    expect(lead.length).toBeGreaterThan(MAX_SUMMARY_CHARS / 2);
  });

  it('is not taken for a Thai text when it only quotes a Thai name: a giant English sentence gives the title', () => {
    const english = `${Array.from({ length: 60 }, (_, i) => `the minister (เศรษฐา ทวีสิน) spoke of clause ${i}`).join(', ')}.`;
    expect(summarizeOffline({ title: 'Border talks collapse', text: english, language: 'en' })).toEqual(['Border talks collapse']);
  });

    it('keeps a paragraph that fits as it is', () => {
    expect(summarizeOffline({ title: declarationInThai.title, text: declarationInThai.text, language: 'th' })).toEqual([declarationInThai.text]);
  });
});

describe('Armenian sentences ended with an ASCII colon', () => {
  const sentences = [
    'Հայաստանի կառավարությունը հինգշաբթի հաստատել է նոր ճանապարհային ծրագիր:',
    'Ծրագիրը նախատեսում է վերանորոգել երեք հարյուր կիլոմետր միջպետական ճանապարհ:',
    '«Աշխատանքները կսկսվեն գարնանը», - ասել է նախարարը:',
  ];

  it('are split there, as with ։, and count as ended', () => {
    expect(splitSentences(sentences.join(' '), 'hy')).toEqual(sentences);
    expect(splitSentences(sentences.join(' ').replace(/:/g, '։'), 'hy')).toHaveLength(3);
  });

  it('leave a colon in other scripts, and one before a Latin word, inside the sentence', () => {
    expect(splitSentences('The minister said: Roads will be repaired.', 'en')).toEqual(['The minister said: Roads will be repaired.']);
    expect(splitSentences('Նախարարը հայտարարել է: Reuters reports more.', 'hy')).toHaveLength(1);
    // Only after an Armenian word: a closing bracket or quote of another script, then a number, is no sentence end.
    expect(splitSentences('The toll rose (officials said): 12 people died in the flood.', 'en')).toHaveLength(1);
    expect(splitSentences('Он сказал «хватит»: 40 грузовиков ждут.', 'ru')).toHaveLength(1);
    expect(endsLikeSentence('He said "this":')).toBe(false);
    expect(endsLikeSentence('Նախարարը հայտարարել է:')).toBe(true);
  });

  it('make a summary of whole sentences', () => {
    const long = [...sentences, ...sentences.map((s) => s.replace('Հայաստանի', 'Երևանի'))].join(' ');
    const summary = summarizeOffline({ title: 'Նոր ճանապարհային ծրագիր', text: long, language: 'hy' });
    expect(summary.length).toBeGreaterThanOrEqual(2);
    for (const sentence of summary) expect(sentence.endsWith(':')).toBe(true);
  });
});

describe('an opening sentence longer than a summary, beside shorter ones', () => {
  it('opens the summary by its first clauses, marked as cut, not leave it out for the smaller points', () => {
    const lead =
      'Kazakhstan and Uzbekistan on Tuesday signed an agreement to share the waters of the Syr Darya river during the summer irrigation season, ' +
      'a deal that officials in Astana and Tashkent said would protect cotton and wheat farmers in the Turkestan and Syrdarya regions from the shortages that have cut harvests in three of the past five years, ' +
      'and which both governments described as the most important water arrangement between them since independence, covering releases from the Toktogul and Shardara reservoirs, ' +
      'monitoring stations along the river, and a joint commission that will meet every month until the end of September to settle disputes.';
    expect(lead.length).toBeGreaterThan(MAX_SUMMARY_CHARS);
    const text = `${lead}\n\nThe agreement was signed by the two countries' water ministers in Tashkent.\n\nIt will come into force in June, officials said.`;
    const summary = summarizeOffline({ title: 'Water deal signed', text, language: 'en' }) as string[];
    expect(summary[0]).toMatch(/^Kazakhstan and Uzbekistan on Tuesday signed an agreement to share the waters of the Syr Darya river.*…$/);
    expect(lead.startsWith(summary[0]!.slice(0, -1))).toBe(true);
    expect(summary.join(' ').length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  });
});

describe('cutting an opening sentence at a space', () => {
  it('is for a sentence mostly in Thai, Lao, Khmer or Burmese, not an English one quoting a Thai name', () => {
    const english = `Prime Minister แพทองธาร ชินวัตร ${'and the ministers of the two neighbouring countries '.repeat(10)}met`;
    expect(leadClauses(english)).toBeUndefined();
    expect(leadClauses(`${'ทหารกัมพูชาเสียชีวิต '.repeat(30)}`)).toMatch(/…$/);
  });
});
