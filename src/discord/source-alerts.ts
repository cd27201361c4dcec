// Tells each guild's log channel (`/config log-channel`) about its sources: paused after failing, working or publishing
// again, quiet for longer than usual (ADR 15). src/db/source-alerts.ts decides and claims; this only words and sends,
// on the scheduler's minute tick, and records each alert as told once Discord took it. A claimed alert that Discord
// refuses is recorded too, not retried: the next problem or recovery will be told, and /source list shows the state
// meanwhile. One that got no answer (network, Discord down), or whose process died first, is claimed again when its
// lease lapses, a few minutes on, with the same nonce, so a message that did go out is not posted twice.
import { DiscordAPIError, Routes, type Client } from 'discord.js';
import { claimSourceAlerts, recordSourceAlertSent, type SourceAlert } from '../db/source-alerts.js';
import type { Prisma } from '../db/client.js';
import type { Logger } from '../logger.js';
import { describeDiscordError } from './delivery/discord-errors.js';
import { clip, escapeText, isolatedText, noMentions } from './reply.js';
import { messageNonce } from '../message-nonce.js';
import { durationWords } from '../text/duration-words.js';
import { shownUrl } from '../text/shown-url.js';

export interface SourceAlertSenderOptions {
  prisma: Prisma;
  client: Client;
  logger: Logger;
  now?: () => Date;
  /** How often the silence check (every healthy source's history) runs; pauses and recoveries are looked for every call. */
  staleCheckMs?: number;
}

/** Returns a function that sends what is due and says how many messages it sent. */
export function createSourceAlertSender(options: SourceAlertSenderOptions): () => Promise<number> {
  const { prisma, client } = options;
  const logger = options.logger.child({ component: 'source-alerts' });
  const now = options.now ?? (() => new Date());
  const staleCheckMs = options.staleCheckMs ?? 3_600_000;
  let lastStaleCheck = Number.NEGATIVE_INFINITY;
  return async () => {
    const at = now();
    const stale = at.getTime() - lastStaleCheck >= staleCheckMs;
    const alerts = await claimSourceAlerts(prisma, at, { stale });
    if (stale) lastStaleCheck = at.getTime();
    let sent = 0;
    for (const alert of alerts) {
      const log = logger.child({ guildId: alert.guildId, sourceId: alert.sourceId, channelId: alert.logChannelId, kind: alert.kind });
      // The same nonce on every attempt at this message (Discord enforces it for a few minutes): discord.js may resend
      // after a lost answer (creation-requests.ts), and a claim retried after a crash between post and record.
      const nonce = messageNonce(`source-alert:${alert.sourceId}:${alert.kind}:${alert.previousAlertAt?.getTime() ?? 'never'}`);
      try {
        await client.rest.post(Routes.channelMessages(alert.logChannelId), { body: { content: sourceAlertText(alert, at), allowed_mentions: noMentions, nonce, enforce_nonce: true } });
      } catch (error) {
        log.warn({ err: error, reason: describeDiscordError(error, alert.logChannelId).reason }, 'could not post a source alert');
        // Refused by Discord (no access, channel gone): trying again would be refused again.
        if (error instanceof DiscordAPIError) await recordSourceAlertSent(prisma, alert);
        continue;
      }
      await recordSourceAlertSent(prisma, alert);
      sent++;
      log.info('told moderators about a source');
    }
    return sent;
  };
}

const when = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:R>`;

/** The message: which source (#id, address, where it posts), what happened in plain words, and what to do. */
export function sourceAlertText(alert: SourceAlert, now: Date): string {
  // Feed titles and error texts come from outside: escaped, so they cannot format or mention anything.
  const name = `**Source #${alert.sourceId}**${alert.title ? ` (${isolatedText(clip(alert.title, 100))})` : ''} <${clip(shownUrl(alert.url), 500)}>, posting to <#${alert.channelId}>`;
  if (alert.kind === 'paused') {
    return clip(
      [
        `⏸️ ${name}, paused itself: its address failed too many times in a row, so Gazette stopped checking it and posts nothing from it.`,
        alert.reason ? `Why: ${escapeText(clip(alert.reason, 600))}` : '',
        `What you can do: open the address to see whether it still works. If the site moved its feed, \`/source remove source:${alert.sourceId}\` and \`/source add\` the new address; if it was a passing outage, \`/source resume source:${alert.sourceId}\` tries again at once.`,
      ]
        .filter(Boolean)
        .join('\n'),
      2000,
    );
  }
  if (alert.kind === 'recovered') {
    return alert.recoveredFrom === 'paused'
      ? `✅ ${name}, works again: its address answered and Gazette posts its new stories as before. Nothing to do.`
      : `✅ ${name}, publishes again: a new article arrived after its silence. Nothing to do.`;
  }
  const silence = alert.lastArticleAt ? durationWords(now.getTime() - alert.lastArticleAt.getTime()) : 'a long time';
  return clip(
    [
      `💤 ${name}, has published nothing for ${silence}${alert.lastArticleAt ? ` (its newest article is from ${when(alert.lastArticleAt)})` : ''}, although its address answers. ` +
        // Never "no more than less than a minute": staleness() counts no gap under a minute, and an alert claimed
        // before it did is worded as if it had.
        `Its articles usually come no more than ${durationWords(Math.max(alert.usualGapMs ?? 0, 60_000))} apart.`,
      'What you can do: check that the site still publishes at this address: outlets move or retire feeds. If it moved, `/source remove` this source and `/source add` the new address; if it is only quiet, nothing: Gazette will say when it publishes again.',
    ].join('\n'),
    2000,
  );
}
