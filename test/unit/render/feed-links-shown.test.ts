// An item's address comes from the feed: shown in a moderator's visible reply, it must stay one plain link.
import { describe, expect, it } from 'vitest';
import { shownLink } from '../../../src/discord/render/links.js';
import { problemLines } from '../../../src/discord/render/moderation-preview.js';
import type { SourcePreview } from '../../../src/ingest/types.js';

describe('an item address shown in a reply', () => {
  it('cannot become a masked link, bold text or a mention', () => {
    const masked = 'https://h.example/a/[Claim**Nitro**](https://phish.example/x)';
    expect(shownLink(masked)).toBe('<https://h.example/a/%5BClaim%2A%2ANitro%2A%2A%5D%28https://phish.example/x%29>');
    const preview = { problems: [{ url: masked, reason: 'The server answered 404 Not Found.' }] } as unknown as SourcePreview;
    const lines = problemLines(preview);
    expect(lines).not.toMatch(/\]\(/);
    expect(lines).toContain('• <https://h.example/a/%5BClaim');
    const quoted = problemLines({ problems: [{ url: 'https://h.example/b', reason: 'The page said: [Verify](https://phish.example)' }] } as unknown as SourcePreview);
    expect(quoted).not.toMatch(/\]\(/);
  });

  it('leaves an ordinary address as it is, between angle brackets', () => {
    expect(shownLink('https://news.example/2025/07/story-slug?id=4')).toBe('<https://news.example/2025/07/story-slug?id=4>');
  });
});
