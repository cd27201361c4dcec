// Digests: every minute (a node-cron job), each guild whose digest time has come in its own time zone gets the top
// stories since its previous digest posted once. A day's digest that was missed (the bot was down) is posted on return
// the same day, a weekly one (due on Mondays) within its week. When a digest is due is digest-schedule.ts's to say.
import { Routes, SnowflakeUtil, type APIMessage, type Client } from 'discord.js';
import type { Prisma } from '../db/client.js';
import { claimDigest, recentDigestRuns, recordDigestFailure, recordDigestMessage, releaseDigest } from '../db/digests.js';
import { guildsWithDigests } from '../db/guilds.js';
import { countHeldStories, heldStories } from '../db/held-posts.js';
import { topStories } from '../db/rankings.js';
import type { Logger } from '../logger.js';
import { describeDiscordError } from './delivery/discord-errors.js';
import { digestDecision, digestPeriod, digestSince, runStamp } from './digest-schedule.js';
import { heldStoryLines, storyListLines } from './render/story-list.js';
import { embedColor } from './render/story-message.js';
import { noMentions } from './reply.js';
import { messageNonce } from '../message-nonce.js';

export function createDigestRunner(options: { prisma: Prisma; client: Client; logger: Logger; now: () => Date }) {
  const { prisma, client, logger } = options;
  /** The period's stories that a channel's hourly limit kept from being posted (those not in the top list). */
  async function heldField(guildId: string, since: Date, listed: number[]) {
    const most = 25; // more than an embed field holds: the rest are counted
    const held = await heldStories(prisma, guildId, since, most, listed);
    if (!held.length) return [];
    const total = held.length < most ? held.length : await countHeldStories(prisma, guildId, since, { excluding: listed });
    return [{ name: 'Not posted: their channel had reached its hourly limit', value: heldStoryLines(held, total) }];
  }

  /**
   * Per guild, the period known done and the settings it was known under (the row's updatedAt): a weekly digest is
   * past its time all week, and its runs were read every minute until Sunday. A settings change (which may clear a
   * refused run) asks again.
   */
  const knownDone = new Map<string, string>();

  return async function runDigests(): Promise<void> {
    const now = options.now();
    for (const guild of await guildsWithDigests(prisma)) {
      // Past the time of day only: the runs are read then, not for every server every minute.
      const current = digestPeriod(guild, now);
      if (!current?.due || !guild.digestChannelId) continue;
      const doneKey = `${current.period} ${guild.updatedAt.getTime()}`;
      if (knownDone.get(guild.id) === doneKey) continue;
      // Read before claiming: the claim is the newest run, and the digest covers the time since the one before.
      const runs = await recentDigestRuns(prisma, guild.id);
      const due = digestDecision(guild, now, runs);
      if (due.state === 'done') knownDone.set(guild.id, doneKey);
      // Stamped with the time of the claim, not of the round: a round over many servers outlasts digestClaimMs, and its
      // late claims looked lapsed to another process, which posted those digests too. Never past the period's end.
      if (due.state !== 'due' || !(await claimDigest(prisma, guild.id, due.period, runStamp(guild, options.now(), now)))) continue;
      const since = digestSince(guild, now, runs);
      const log = logger.child({ guildId: guild.id, period: due.period });
      const footer = { text: digestFooter(due.period) };
      // A claim of this period that lapsed without a record: its process may have posted the digest and died before
      // recording it. Discord remembers a nonce for minutes only, and a restart can take longer: the channel is looked in.
      const lapsed = runs.find((r) => r.period === due.period && !r.messageId && !r.error);
      if (lapsed) {
        const found = await postedDigest(client, guild.digestChannelId, footer.text, lapsed.createdAt).catch(() => undefined);
        if (found) {
          // Its own time recorded with it: the next digest covers the time since it was posted, not since it was found.
          await recordDigestMessage(prisma, guild.id, due.period, found.id, runStamp(guild, new Date(found.timestamp), now));
          log.info({ messageId: found.id }, 'found the digest posted before a restart');
          continue;
        }
      }
      let sent: APIMessage | undefined;
      // One nonce per server and period: a request discord.js sends again (a timeout after Discord had it) or a
      // period given back after a passing failure finds the digest already posted instead of posting it twice.
      const nonce = messageNonce(`digest:${guild.id}:${due.period}`);
      try {
        const weekly = guild.digestFrequency === 'weekly';
        // The top list covers the same time as the held list, ranked with the period's half-life.
        const stories = await topStories(prisma, guild.id, { period: weekly ? 'week' : 'day', limit: 10, now, since });
        const title = `${weekly ? 'Weekly' : 'Daily'} digest: the most significant stories`;
        const fields = await heldField(guild.id, since, stories.map((s) => s.id));
        // Held stories are listed below even when no story was first seen in the period (they were held in it).
        const description = stories.length ? storyListLines(guild.id, stories) : fields.length ? 'No other new stories this time.' : 'No new stories this time.';
        sent = (await client.rest.post(Routes.channelMessages(guild.digestChannelId), {
          body: { embeds: [{ title, description, fields, footer, color: embedColor, timestamp: now.toISOString() }], allowed_mentions: noMentions, nonce, enforce_nonce: true },
        })) as APIMessage;
        await recordDigestMessage(prisma, guild.id, due.period, sent.id);
        log.info({ stories: stories.length }, 'posted digest');
      } catch (error) {
        // Posted but not recorded (the database failed after Discord took it): the claim lapses after digestClaimMs and
        // the period is taken again; its nonce then finds this post, as long as Discord still remembers the nonce (a few
        // minutes), so only a database down for longer than that can post the digest twice.
        if (sent) {
          log.error({ err: error, messageId: sent.id }, 'posted the digest but could not record it');
          continue;
        }
        const failure = describeDiscordError(error, guild.digestChannelId);
        // A passing problem gives the period back for the next minute; a refusal (permissions, deleted channel) is not
        // retried every minute, which would only earn the bot a ban for invalid requests.
        log.warn({ err: error, reason: failure.reason }, 'could not post digest');
        if (failure.retryable) {
          await releaseDigest(prisma, guild.id, due.period);
          continue;
        }
        // Said where moderators look: `/config show`, and the log channel if the server has one.
        await recordDigestFailure(prisma, guild.id, due.period, failure.reason);
        if (guild.logChannelId && guild.logChannelId !== guild.digestChannelId) {
          await client.rest
            .post(Routes.channelMessages(guild.logChannelId), { body: { content: `The ${guild.digestFrequency} digest could not be posted in <#${guild.digestChannelId}>: ${failure.reason}`, allowed_mentions: noMentions, nonce: messageNonce(`digest-failure:${guild.id}:${due.period}`), enforce_nonce: true } })
            .catch((e: unknown) => log.warn({ err: e }, 'could not tell the log channel about the digest'));
        }
      }
    }
  };
}

/** What marks a period's digest as Gazette's, for finding it again (postedDigest). */
const digestFooter = (period: string) => `Digest ${period}`;

/**
 * Gazette's digest with this footer, posted in the channel since its claim (a minute's margin), if it is there: the
 * messages after that time, so a busy channel's newer ones do not hide it. Without Read Message History, Discord
 * answers none, and the digest is posted (its nonce may still find it).
 */
async function postedDigest(client: Client, channelId: string, footer: string, claimedAt: Date): Promise<APIMessage | undefined> {
  const after = SnowflakeUtil.generate({ timestamp: claimedAt.getTime() - 60_000 }).toString();
  const since = (await client.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: '100' }) })) as APIMessage[];
  return since.find((m) => m.author.id === client.user?.id && m.embeds[0]?.footer?.text === footer);
}
