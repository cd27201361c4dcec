// A source's filter in answers (`/source add`, `edit`, `test`): its stored form, and which of a source's items it
// lets through, so a moderator sees what a filter does before and after saving it.
import { previewPasses } from '../../ingest/preview.js';
import type { PreviewItem } from '../../ingest/types.js';
import type { Filter, RegionDefinition } from '../../pipeline/orchestrator.js';
import { clip, escapeText } from '../reply.js';

/** The stored filter as inline code (stored filters hold no backticks, but a hand-written row might). */
export function filterCode(stored: string | null): string {
  return stored ? `\`${stored.replace(/`/g, "'")}\`` : 'none';
}

export interface FilterTrial {
  passed: number;
  total: number;
  /** One line per item: ✓ or ✗ and its title. */
  lines: string[];
}

export function tryFilter(items: readonly PreviewItem[], filter: Filter, regions: RegionDefinition[]): FilterTrial {
  const verdicts = items.map((item) => previewPasses(item, filter, regions));
  return {
    passed: verdicts.filter(Boolean).length,
    total: items.length,
    lines: items.map((item, i) => `${verdicts[i] ? '✓' : '✗'} ${escapeText(clip(item.title, 100))}`),
  };
}

/** For `/source test filter:` — every item with its verdict, and a plain sentence when none passes. */
export function filterTrialText(trial: FilterTrial, stored: string): string {
  if (trial.total === 0) return `It has no items to try the filter ${filterCode(stored)} on.`;
  const head =
    trial.passed === 0
      ? `The filter ${filterCode(stored)} passes none of these ${trial.total} items: nothing from them would be posted. Try fewer or other words.`
      : `The filter ${filterCode(stored)} passes ${trial.passed} of these ${trial.total} items (✓): only those would be posted; the others would be stored and searchable.`;
  return [head, ...trial.lines].join('\n');
}

/** For `/source add` and `edit`: a warning when the filter holds back every recent item, else nothing. */
export function filterWarning(trial: FilterTrial, what: string): string | undefined {
  if (trial.total === 0 || trial.passed > 0) return undefined;
  return `⚠️ The filter passes none of ${what} (${trial.total}): check its words. \`/source test\` with \`filter:\` shows what a filter lets through.`;
}

/** What a filter means for the moderator, once set. */
export function filterEffect(stored: string): string {
  return `Only its stories matching ${filterCode(stored)} are posted; the others are stored, and \`/news search\` finds them.`;
}
