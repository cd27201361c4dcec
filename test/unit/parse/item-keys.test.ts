// How a feed's items are told apart between reads (src/pipeline/parse/item-key.ts): by guid and title, or by link.
import { describe, expect, it } from 'vitest';
import { itemKey, keysToRemember, rememberedItems, sameTitle, seenBefore } from '../../../src/pipeline/parse/item-key.js';
import type { SourceItem } from '../../../src/pipeline/types.js';

const item = (guid: string | undefined, title: string, url: string): SourceItem => ({ guid, title, url, needsFetch: true });
const remembered = (...items: SourceItem[]) => new Set(items.flatMap((i) => keysToRemember(i, 'feed')));

describe('a feed item seen before', () => {
  const first = item('1', 'Baku hosts a climate meeting', 'https://site.example/baku-climate');

  it('is a new item under a reused guid when its link and title are new', () => {
    expect(seenBefore(item('1', 'Tbilisi metro fares rise', 'https://site.example/tbilisi-metro'), 'feed', remembered(first))).toBe(false);
  });

  it('is the same item under a new guid with the same link', () => {
    expect(seenBefore(item('1717000000', 'Baku hosts a climate meeting', 'https://site.example/baku-climate'), 'feed', remembered(first))).toBe(true);
  });

  it('is the same item when its link gains a parameter or its headline is corrected, guid kept', () => {
    expect(seenBefore(item('1', 'Baku hosts a climate meeting', 'https://site.example/baku-climate?session=9f2c'), 'feed', remembered(first))).toBe(true);
    expect(seenBefore(item('1', 'Baku hosts a climate summit', 'https://site.example/baku-climate'), 'feed', remembered(first))).toBe(true);
  });

  it('reads keys remembered as a bare guid (before the title was part of them) as seen', () => {
    expect(seenBefore(item('1', 'Another headline', 'https://site.example/other'), 'feed', new Set(['1']))).toBe(true);
  });

  it('keeps one key per item within a read and its retries, whatever its title: the guid, else the link', () => {
    expect(itemKey(item('g-7', 'Live: 3 updates', 'https://site.example/x'), 'feed')).toBe('g-7');
    expect(itemKey(item('g-7', 'Live: 4 updates', 'https://site.example/x'), 'feed')).toBe('g-7');
    expect(itemKey(item(undefined, 'A card', 'https://site.example/card?utm_source=x'), 'listing')).toBe('https://site.example/card');
  });

  it('remembers an item without a title by its guid alone, a listing item by its link, and counts items by their links', () => {
    const untitled = item('g-7', '', 'https://site.example/x');
    expect(keysToRemember(untitled, 'feed')).toEqual(['g-7\u001f', 'https://site.example/x']);
    expect(seenBefore(item('g-7', '', 'https://site.example/y'), 'feed', remembered(untitled))).toBe(true);
    expect(keysToRemember(item(undefined, 'A card', 'https://site.example/card?utm_source=x'), 'listing')).toEqual(['https://site.example/card']);
    expect(rememberedItems([...remembered(first, untitled), 'https://site.example/no-guid'])).toBe(3);
  });
});

describe('sameTitle', () => {
  it('ignores case and spacing, and a clipped end past 200 characters', () => {
    expect(sameTitle('Baku  hosts a Climate meeting ', 'baku hosts a climate meeting')).toBe(true);
    const long = 'word '.repeat(70);
    expect(sameTitle(`${long.slice(0, 250)}…`, long)).toBe(true);
    expect(sameTitle('Baku hosts a climate meeting', 'Tbilisi metro fares rise')).toBe(false);
    expect(sameTitle('', '')).toBe(false);
  });
});
