// Sends personal alerts: every minute, the stories queued since the last round are matched to the members who follow
// them (src/db/alert-fanout.ts, one story per transaction, off the path that stores stories: ADR 20), then each member
// with stories waiting gets at most one DM per their batch interval, never in their quiet hours. A member's next DM is
// claimed in the database (so two processes never both send it), the DM is sent, and then its stories' alerts are
// deleted, through every server they were owed through, and its stories remembered (a story reaching another of the
// member's servers later is not sent again): a crash in between repeats them once, it never loses them. A batch with
// nothing to show deletes only the alerts it claimed. Closed DMs (Discord 50007) stop alerts quietly until the member
// runs /follow again; a member who left a server loses their follows there, and a story waiting through it that they
// follow in another of their servers comes through that one. Discord throttling DMs (40003 "opening direct messages too
// fast", 429) keeps the alerts and ends the round's DMs.
import { DiscordAPIError, Routes, type APIGuild, type Client } from 'discord.js';
import {
  alertStoryFacts,
  claimAlertBatch,
  closeAlerts,
  dropAlertBatch,
  dueAlertMembers,
  type DueMember,
  finishAlerts,
  finishSentAlerts,
  forgetMemberInGuild,
  guildsWithFollowsOn,
  releaseAlertBatch,
  type AlertBatch,
} from '../../db/alerts.js';
import { expandQueuedStory, type KeywordReader } from '../../db/alert-fanout.js';
import type { Prisma } from '../../db/client.js';
import { followsIn } from '../../db/follows.js';
import { loadStoryCards } from '../../db/lookups-cards.js';
import { alertKeywords } from '../../ingest/alert-keywords.js';
import type { Logger } from '../../logger.js';
import type { RegionDefinition } from '../../pipeline/orchestrator.js';
import { describeDiscordError } from '../delivery/discord-errors.js';
import { noMentions } from '../reply.js';
import { alertMessage, maxListed, type AlertMessageInput, type AlertSection } from './alert-message.js';
import { followLabel } from './follow-label.js';
import { matchedFollows } from './matched-follows.js';
import { isQuietAt } from './quiet-hours.js';
import { messageNonce } from '../../message-nonce.js';
import { settledWithin } from '../../pause.js';

export interface AlertWorkerOptions {
  prisma: Prisma;
  client: Client;
  logger: Logger;
  now?: () => Date;
  regionsFor: (guildId: string) => Promise<RegionDefinition[]>;
  /** Between rounds (default one minute). */
  intervalMs?: number;
  /** Most DMs per round, to stay well inside Discord's limits on a bot's DMs. */
  maxPerRound?: number;
  /** Most queued stories matched to their followers per round (default 500); the rest wait for the next round. */
  maxStoriesPerRound?: number;
  /** How an article's words are read for keyword follows (default: as the filter language reads them). */
  readKeywords?: KeywordReader;
}

export interface AlertWorker {
  start(): void;
  /** One round now (tests); resolves with the number of DMs sent. */
  runOnce(): Promise<number>;
  /** Claims no member's alerts from now on; waits for the DM in flight at most `graceMs` (default: for it to end). */
  stop(graceMs?: number): Promise<void>;
}

const CANNOT_DM = 50007;
const UNKNOWN_MEMBER = 10007;

type Membership = 'member' | 'left' | 'unknown-guild';

/** Pages of due members a round reads at most (each four rounds' worth of DMs), when many are in their quiet hours. */
const maxPagesPerRound = 25;

export function createAlertWorker(options: AlertWorkerOptions): AlertWorker {
  const { prisma, client, logger } = options;
  const log = logger.child({ component: 'alerts' });
  const now = options.now ?? (() => new Date());
  const maxPerRound = options.maxPerRound ?? 50;
  const maxStoriesPerRound = options.maxStoriesPerRound ?? 500;
  const readKeywords = options.readKeywords ?? alertKeywords;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<number> | undefined;

  /** Matches the stories queued since the last round to their followers, oldest first, each in its own transaction. */
  async function findFollowers(): Promise<void> {
    for (let i = 0; i < maxStoriesPerRound; i++) {
      const done = await expandQueuedStory(prisma, readKeywords);
      if (done.status === 'empty') return;
      if (done.status === 'failed') {
        // Rolled back: the story stays queued and is tried again next round (dropped after three failures).
        log.warn({ err: done.error, storyId: done.storyId, dropped: done.dropped }, 'could not match a story to its followers');
        return;
      }
    }
  }

  /** Whether the member is still in the guild, asked of Discord (the guild may be on another process's shard). */
  async function membership(guildId: string, userId: string): Promise<Membership> {
    try {
      await client.rest.get(Routes.guildMember(guildId, userId));
      return 'member';
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === UNKNOWN_MEMBER) return 'left';
      // Gazette was removed from the guild (Unknown Guild, Missing Access): nothing of it can be shown.
      if (error instanceof DiscordAPIError && error.status < 500 && error.status !== 429) return 'unknown-guild';
      throw error;
    }
  }

  async function guildName(guildId: string): Promise<string> {
    const cached = client.guilds.cache.get(guildId)?.name;
    if (cached) return cached;
    const guild = (await client.rest.get(Routes.guild(guildId)).catch(() => null)) as APIGuild | null;
    return guild?.name ?? 'a server';
  }

  /** Sends one claimed batch: whether it was sent, or not, or Discord is throttling DMs (the round stops). */
  async function send(batch: AlertBatch): Promise<'sent' | 'not-sent' | 'throttled'> {
    const userLog = log.child({ userId: batch.userId });
    const byGuild = new Map<string, number[]>();
    for (const a of batch.alerts) byGuild.set(a.guildId, [...(byGuild.get(a.guildId) ?? []), a.storyId]);
    const on = await guildsWithFollowsOn(prisma, [...byGuild.keys()]);
    const sections: AlertSection[] = [];
    const unfollow: AlertMessageInput['unfollow'] = [];
    let listed = 0;
    let more = 0;
    // A story owed through several servers is told once, through the first that can still show it: one the member
    // left, or that turned alerts off, leaves it to the next.
    const told = new Set<number>();
    const follows = await followsIn(prisma, batch.userId, [...byGuild.keys()]);
    for (const [guildId, owed] of byGuild) {
      const storyIds = owed.filter((id) => !told.has(id));
      // Turned off there, or the member unfollowed everything there since these stories were queued.
      if (!storyIds.length || !on.has(guildId) || !follows.some((f) => f.guildId === guildId)) continue;
      const member = await membership(guildId, batch.userId);
      if (member === 'left') {
        userLog.info({ guildId }, 'member left the server: their follows there are removed');
        await forgetMemberInGuild(prisma, batch.userId, guildId);
        continue;
      }
      if (member === 'unknown-guild') continue;
      const loaded = await loadStoryCards(prisma, guildId, storyIds);
      const facts = await alertStoryFacts(prisma, guildId, loaded.map((s) => s.id));
      const mine = follows.filter((f) => f.guildId === guildId);
      const matchedOf = new Map(loaded.map((card) => {
        const about = facts.get(card.id);
        return [card.id, about ? matchedFollows(mine, { ...about, title: card.title, summary: card.summary }) : undefined] as const;
      }));
      // A story none of the member's follows there matches any more (they removed the one it came through after it was
      // queued) is not told. A keyword may match deeper in the article than the worker reads: with one, it stays.
      const keywords = mine.some((f) => f.kind === 'keyword');
      const cards = loaded.filter((card) => keywords || matchedOf.get(card.id)?.length !== 0);
      for (const card of cards) told.add(card.id);
      const shown = cards.slice(0, Math.max(0, maxListed - listed));
      more += cards.length - shown.length;
      listed += shown.length;
      if (shown.length === 0) continue;
      const server = await guildName(guildId);
      sections.push({ guildId, guildName: server, stories: shown });
      const regions = await options.regionsFor(guildId);
      for (const card of shown) {
        for (const f of matchedOf.get(card.id) ?? []) if (!unfollow.some((u) => u.followId === f.id)) unfollow.push({ followId: f.id, label: followLabel(f, regions), server });
      }
    }
    if (sections.length === 0) {
      // Nothing left to show (alerts turned off, the member left, the stories are gone): no DM, and the slot is
      // given back so the next story is not held for a whole interval.
      await dropAlertBatch(prisma, batch);
      return 'not-sent';
    }
    const body = alertMessage({ sections, more, batchMinutes: batch.batchMinutes, unfollow });
    // The same batch always has the same nonce: a DM sent again within Discord's few minutes (an answer lost, then
    // the batch released and claimed again) is not delivered twice.
    const nonce = messageNonce(`alert:${batch.userId}:${batch.alerts.map((a) => `${a.guildId}/${a.storyId}`).sort().join(',')}`);
    try {
      await client.users.send(batch.userId, { ...body, allowedMentions: noMentions, nonce, enforceNonce: true });
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === CANNOT_DM) {
        userLog.info('direct messages closed: alerts stop until the member runs /follow again');
        await closeAlerts(prisma, batch.userId);
        return 'not-sent';
      }
      const failure = describeDiscordError(error, 'direct messages');
      userLog.warn({ err: error, reason: failure.reason }, 'could not send an alert');
      await (failure.retryable ? releaseAlertBatch(prisma, batch) : finishAlerts(prisma, batch));
      return failure.throttled ? 'throttled' : 'not-sent';
    }
    userLog.info({ stories: listed + more, guilds: sections.length }, 'sent an alert');
    // Sent: the batch must not be released now (the round's catch would), or the member gets the same DM again.
    await finishSent(batch, told).catch((error: unknown) => userLog.error({ err: error }, 'could not record a sent alert: it may be repeated once, after the batch interval'));
    return 'sent';
  }

  /** Records a sent DM, trying again over a few seconds: a database that hiccups once should not repeat a DM. */
  async function finishSent(batch: AlertBatch, told: ReadonlySet<number>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await finishSentAlerts(prisma, batch, now(), told);
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  let stopping = false;

  async function runRound(): Promise<number> {
    await findFollowers();
    const at = now();
    let sent = 0;
    // Page by page, past members in their quiet hours (a whole time zone's night), up to a bound a round.
    const pageSize = maxPerRound * 4;
    let after: DueMember | undefined;
    // Discord throttling DMs (40003, 429): every further DM this round would be refused too, and keep it throttled.
    let throttled = false;
    for (let page = 0; page < maxPagesPerRound && sent < maxPerRound && !throttled && !stopping; page++) {
      const due = await dueAlertMembers(prisma, at, pageSize, after);
      for (const member of due) {
        // A stop claims no more: the round went on for up to 50 DMs, past a container's 10 s, and a DM cut off by the
        // kill between its send and its record was sent again an hour later.
        if (sent >= maxPerRound || throttled || stopping) break;
        if (isQuietAt(at, member)) continue;
        const batch = await claimAlertBatch(prisma, member, at);
        if (!batch) continue;
        try {
          const outcome = await send(batch);
          if (outcome === 'sent') sent++;
          if (outcome === 'throttled') {
            throttled = true;
            log.warn({ sent }, 'Discord is throttling direct messages: the other alerts wait for the next round');
          }
        } catch (error) {
          // Discord or the database failed mid-way: the alerts are still there; try the member again next round.
          log.warn({ err: error, userId: batch.userId }, 'alert round failed for a member');
          await releaseAlertBatch(prisma, batch).catch(() => undefined);
        }
      }
      if (due.length < pageSize) break;
      after = due.at(-1);
    }
    return sent;
  }

  function runOnce(): Promise<number> {
    // One round at a time: a tick that finds a round running waits for it rather than starting another.
    round ??= runRound().finally(() => (round = undefined));
    return round;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        runOnce().catch((error) => log.error({ err: error }, 'alert round failed'));
      }, options.intervalMs ?? 60_000);
      timer.unref();
    },
    runOnce,
    async stop(graceMs = Infinity) {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      if (!(await settledWithin(round?.catch(() => undefined), graceMs))) log.warn({ graceMs }, 'stopping: an alert DM still on its way was left');
    },
  };
}
