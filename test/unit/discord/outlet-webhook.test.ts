import { describe, expect, it } from 'vitest';
import { outletAvatarUrl, outletUsername } from '../../../src/discord/delivery/outlet-webhook.js';
import type { StoryView } from '../../../src/db/story-views.js';

describe('outlet webhook names and icons', () => {
  it('keeps an ordinary outlet name', () => {
    expect(outletUsername('Al Jazeera')).toBe('Al Jazeera');
    expect(outletUsername('  OC   Media ')).toBe('OC Media');
  });

  it('never contains the words or characters Discord forbids in webhook names', () => {
    expect(outletUsername('Discord Daily')).toBe('Daily');
    expect(outletUsername('The DISCORD times')).toBe('The times');
    expect(outletUsername('cldiscordyde news')).toBe('news');
    expect(outletUsername('Clyde @ News: #1 ```x```')).toBe('News 1 x');
    for (const name of ['Discord', 'clyde', '@everyone', 'here', '   ', '\u200b']) {
      const out = outletUsername(name);
      expect(out).toBe('News');
    }
  });

  it('fits Discord’s 80-character username limit', () => {
    const out = outletUsername('A very long outlet name '.repeat(10));
    expect(out.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThanOrEqual(80);
  });

  it('uses the article site’s favicon, and none for a non-web article', () => {
    const view = (url: string) => ({ url }) as StoryView;
    expect(outletAvatarUrl(view('https://www.aljazeera.com/news/2025/7/10/story?x=1'))).toBe('https://www.aljazeera.com/favicon.ico');
    expect(outletAvatarUrl(view('file:///tmp/a.txt'))).toBeUndefined();
    expect(outletAvatarUrl(view('not a url'))).toBeUndefined();
  });
});
