// The human-readable preview: one block per story, its articles beneath.
import type { SourcePreview } from '../ingest/types.js';
import { plural } from '../text/plural.js';

export function formatPreview(previews: SourcePreview[], stories: SourcePreview['stories']): string {
  const lines: string[] = [];
  for (const p of previews) lines.push(`Source ${p.source.url} (${p.source.kind}${p.source.title ? `: ${p.source.title}` : ''})`);
  lines.push('', plural(stories.length, 'story', 'stories'));
  stories.forEach((story, i) => {
    lines.push('', `Story ${i + 1}${story.articles.length > 1 ? ` — told by ${story.articles.length} sources` : ''}`);
    for (const a of story.articles) {
      lines.push(`  ${a.title}`);
      lines.push(`    ${a.source}${a.publishedAt ? ` · ${a.publishedAt.toISOString()}` : ''} · ${a.url}`);
      lines.push(`    countries: ${a.countries.join(', ') || '—'} · regions: ${a.regions.join(', ') || '—'} · tags: ${a.tags.join(', ') || '—'}`);
      lines.push(`    ${a.summary}`);
    }
  });
  return `${lines.join('\n')}\n`;
}
