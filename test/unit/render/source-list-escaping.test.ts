// /source list quotes remote servers (a self-pause's reason, a fetch error, a posting error): escaped, so a masked
// link or markdown in them cannot render, while Gazette's own mentions (the moderator who paused, the channel a
// posting error names) stay mentions.
import { describe, expect, it } from 'vitest';
import { sourceBlock, sourceListEmbeds, type SourceHealth } from '../../../src/discord/render/moderation-sources.js';

const link = '[Click to fix](https://evil.example/phish) **now**';
const feed = { url: 'https://news.example/feed.xml', title: 'News', lastFetchAt: new Date(1000), lastSuccessAt: null, consecutiveFailures: 0, lastError: null };
const base: SourceHealth = { id: 1, channelId: '300000000000000001', region: null, tags: [], intervalMinutes: 15, paused: false, pausedReason: null, feed, failedDeliveries: 0, lastDeliveryError: null, waitingDeliveries: 0, waitingReason: null };
const block = (s: Partial<SourceHealth>) => sourceBlock({ ...base, ...s }, (r) => r);

describe('/source list escapes what remote servers wrote', () => {
  it('escapes a self-pause reason, but keeps the mention in a moderator’s pause', () => {
    const self = block({ paused: true, pausedReason: `Paused after 5 failed fetches in a row. Last error: ${link}` });
    expect(self).not.toContain('[Click to fix](https://');
    expect(self).toContain('\\[Click to fix\\]\\(https://evil.example/phish\\) \\*\\*now\\*\\*');
    expect(block({ paused: true, pausedReason: 'Paused by a moderator (<@200000000000000001>).' })).toContain('**Paused.** Paused by a moderator (<@200000000000000001>). `/source resume`');
    // Only Gazette's exact words keep a mention: a remote text that looks like it does not.
    const lookalike = block({ paused: true, pausedReason: `Paused by a moderator (<@1>). ${link}` });
    expect(lookalike).not.toContain('<@1>');
    expect(lookalike).toContain('\\]\\(https://evil');
  });

  it('escapes the last fetch error and the last posting error, keeping a channel mention', () => {
    expect(block({ feed: { ...feed, consecutiveFailures: 2, lastError: link } })).toContain('Last error: \\[Click to fix\\]');
    expect(block({ feed: { ...feed, lastError: link } })).toContain('Note: \\[Click to fix\\]');
    const posting = block({ failedDeliveries: 1, lastDeliveryError: `Gazette lacks permission to post in <#300000000000000001>: ${link}` });
    expect(posting).toContain('Gazette lacks permission to post in <#300000000000000001>: \\[Click to fix\\]');
    expect(posting).not.toContain('[Click to fix](https://');
    const waiting = block({ waitingDeliveries: 2, waitingReason: `Discord answered 503: ${link}` });
    expect(waiting).toContain('⏳ **2 stories waiting** to be posted in <#300000000000000001>: Discord answered 503: \\[Click to fix\\]');
  });
});

describe('/source list over several pages', () => {
  it('counts its pages among all of them, and says how many are not shown', () => {
    // Sources with long filters (shown up to 300 characters): 80 make more pages than the five shown.
    const many = Array.from({ length: 80 }, (_, i) => ({ ...base, id: i + 1, filter: `${'gas pipeline '.repeat(90)}${i}` }));
    const embeds = sourceListEmbeds(many, (r) => r);
    expect(embeds).toHaveLength(5);
    const total = Number(/of (\d+)\)$/.exec(embeds[1]!.title!)![1]);
    expect(total).toBeGreaterThan(5);
    expect(embeds.map((e) => e.title)).toEqual(['Sources', ...[2, 3, 4, 5].map((n) => `Sources (page ${n} of ${total})`)]);
    expect(embeds[4]!.footer!.text).toContain(`${total - 5} more page(s) not shown: /source export lists every source`);
  });
});

