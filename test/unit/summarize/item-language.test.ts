// A feed item's own text (a JSON Feed content_text, a full plain-text description, a forum post) is not extracted
// from a page, so nothing declares its language: the pipeline must detect it before the summary, or the summarizer
// splits sentences by English rules ("am 23. Februar" ends a sentence) and the LLM is not told the language.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { createPipeline, createSummarizer } from '../../../src/pipeline/orchestrator.js';
import type { Summarizer, SummaryInput } from '../../../src/pipeline/summarize/index.js';
import type { SourceItem } from '../../../src/pipeline/types.js';

const text = [
  'Die vorgezogene Bundestagswahl findet nach Angaben der Bundeswahlleiterin am 23. Februar statt.',
  'Die Parteien müssen ihre Landeslisten rechtzeitig bei den Wahlleitern einreichen.',
  'Beobachter erwarten einen kurzen, aber harten Wahlkampf in den kommenden Wochen.',
].join(' ');
const item: SourceItem = { url: 'https://news.example.de/wahl', title: 'Wahltermin steht fest', text, needsFetch: false };
const read = { dates: { fetchedAt: new Date('2025-01-01T12:00:00Z'), timezone: 'Europe/Berlin', dayFirst: true }, kind: 'feed' as const };
const fetcher = () => Promise.reject(new Error('an item with its own text fetches nothing'));

describe("a feed item's own text", () => {
  it('is summarized by the rules of its language (offline summary)', async () => {
    const pipeline = createPipeline({ fetcher, summarizer: createSummarizer(), logger: silentLogger });
    const article = await pipeline.processItem(item, read);
    expect(article.language).toBe('de');
    expect(article.summary).toContain('am 23. Februar statt.');
  });

  it('reaches a network summarizer with its language', async () => {
    const inputs: SummaryInput[] = [];
    const summarizer: Summarizer = {
      name: 'recording',
      summarize: (input) => {
        inputs.push(input);
        return Promise.resolve(['Die Wahl ist am 23. Februar.', 'Der Wahlkampf wird kurz.']);
      },
    };
    const article = await createPipeline({ fetcher, summarizer, logger: silentLogger }).processItem(item, read);
    expect(inputs.map((input) => input.language)).toEqual(['de']);
    expect(article.language).toBe('de');
  });
});
