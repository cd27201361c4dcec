// A private feed's address may carry a user name and password (basic auth). Moderators' lists, log-channel alerts
// and labels show the address without them (src/text/shown-url.ts); only fetching uses them.
import { describe, expect, it } from 'vitest';
import { sourceLabel } from '../../../src/discord/render/moderation-preview.js';
import { sourceBlock } from '../../../src/discord/render/moderation-sources.js';
import { sourceAlertText } from '../../../src/discord/source-alerts.js';
import { shownUrl } from '../../../src/text/shown-url.js';

const url = 'https://reader:hunter2@private.example/feed.xml';

describe('a private feed address shown in Discord', () => {
  it('loses its user name and password, and nothing else', () => {
    expect(shownUrl(url)).toBe('https://private.example/feed.xml');
    expect(shownUrl('https://public.example/a?b=c#d')).toBe('https://public.example/a?b=c#d');
    expect(shownUrl('https://reader:hunter2@bad host/feed')).toBe('https://bad host/feed'); // not a URL: still stripped
  });

  it('is shown without them in /source list, in labels and in log-channel alerts', () => {
    const feed = { url, title: null, lastFetchAt: null, lastSuccessAt: null, consecutiveFailures: 0, lastError: null };
    const block = sourceBlock({ id: 1, channelId: '1', region: null, tags: [], intervalMinutes: 15, paused: false, pausedReason: null, feed, failedDeliveries: 0, lastDeliveryError: null, waitingDeliveries: 0, waitingReason: null }, (s) => s);
    const label = sourceLabel({ url });
    const alert = sourceAlertText({ kind: 'paused', sourceId: 1, guildId: '1', logChannelId: '2', channelId: '3', url, title: null, reason: 'failing', recoveredFrom: null, lastArticleAt: null, usualGapMs: null, claimedAt: new Date(1000), previousAlertAt: null }, new Date(1000));
    for (const text of [block, label, alert]) {
      expect(text).toContain('private.example/feed.xml');
      expect(text).not.toContain('hunter2');
    }
  });
});
