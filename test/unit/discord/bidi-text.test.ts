// Feed text cannot reorder Gazette's own words (src/discord/reply.ts): bidi embeddings, overrides and isolates are
// stripped from untrusted text, and a right-to-left title followed by Gazette's text on a line sits in an isolate.
import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../src/discord/alerts/alert-message.js';
import { renderListPage } from '../../../src/discord/render/lookup-list.js';
import { storyListLines } from '../../../src/discord/render/story-list.js';
import { escapeText, isolatedText, isolatedWithin } from '../../../src/discord/reply.js';

const controls = /[\u202A-\u202E\u2066-\u2069]/;
const guildId = '900000000000000001';

describe('bidirectional text from feeds', () => {
  it('strips embeddings, overrides and isolates, and keeps the harmless marks LRM and RLM', () => {
    expect(escapeText('Evil \u202Egnirts\u202A\u202B\u202C\u202D title\u2066\u2067\u2068\u2069')).toBe('Evil gnirts title');
    expect(escapeText('a\u200Eb\u200Fc')).toBe('a\u200Eb\u200Fc');
  });

  it('leaves no unclosed override in a digest line, so "— Source · 4.0 / 5 from 2 votes · #12" reads as written', () => {
    const line = storyListLines(guildId, [
      { id: 12, title: 'Headline \u202Eoverridden', url: 'https://example.org/a', sourceName: 'Source\u202B', firstSeenAt: new Date(0), voteCount: 2, voteSum: 8, score: 4, channelId: null, messageId: null, threadId: null },
    ]);
    expect(line).toBe('**1.** [Headline overridden](https://example.org/a) — Source · 4.0 / 5 from 2 votes · #12');
  });

  it('isolates right-to-left titles and outlets followed by Gazette’s text, and only those', () => {
    expect(isolatedText('الحدود')).toBe('\u2068الحدود\u2069');
    expect(isolatedText('שלום \u2069')).toBe('\u2068שלום \u2069');
    expect(isolatedText('Plain title')).toBe('Plain title');
    const body = alertMessage({
      sections: [{ guildId, guildName: 'Server', stories: [{ id: 7, title: 'كمبوديا تتهم تايلاند', url: 'https://example.org/b', sourceName: 'الجزيرة\u202E', channelId: null, messageId: null, threadId: null }] }],
      more: 0, batchMinutes: 60, unfollow: [],
    });
    const line = body.embeds[0]!.description!.split('\n').find((l) => l.startsWith('•'))!;
    expect(line).toBe('• \u2068كمبوديا تتهم تايلاند\u2069 — \u2068الجزيرة\u2069 · `/news story id:7`');
    expect(line.replace(/\u2068[^\u2069]*\u2069/g, '')).not.toMatch(controls);
  });

  it('isolates right-to-left titles and outlets in /news lists too, within their budget', () => {
    const card = { id: 12, title: 'كمبوديا تتهم تايلاند', url: 'https://example.org/c', sourceName: 'الجزيرة', summary: 'S', firstSeenAt: new Date(0), voteCount: 2, voteSum: 8, otherOutlets: 2, channelId: null, messageId: null, threadId: null };
    const page = renderListPage({ guildId, kind: 'latest', title: 'Latest', note: 'Note', cards: [card], page: 0, pages: 1 }).embeds![0]!;
    const [first, second] = page.description!.split('\n').slice(-2);
    expect(first).toBe('**1.** [\u2068كمبوديا تتهم تايلاند\u2069](https://example.org/c)');
    expect(second).toMatch(/^\u2068الجزيرة\u2069 · \+2 outlets · /);
    expect(isolatedWithin('ا'.repeat(50), 20)).toHaveLength(20);
    expect(isolatedWithin('Plain title', 20)).toBe('Plain title');
  });
});
