// The reference extractor the benchmark README scores: Mozilla Readability 0.6 on a linkedom document, taking
// `textContent` of the result exactly as the benchmark's own readability_js runner does.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export function readabilityText(html: string): string {
  try {
    const { document } = parseHTML(html);
    // linkedom's Document is structurally what Readability reads; its type is not the DOM lib's.
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    return article?.textContent ?? '';
  } catch {
    return '';
  }
}
