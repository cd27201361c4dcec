// Simulated members for the Discord benchmark: work is split into per-worker queues run concurrently, each worker
// waiting for Discord's first response before its next interaction, as a member does. Latencies are the stand-in's
// own records (time from dispatching the interaction to the bot's first response).
import type { DiscordStandIn, InteractionHandle, InteractionRecord } from '../../test/helpers/discord/index.js';
import { percentile } from './percentile.js';

export interface PhaseResult {
  records: InteractionRecord[];
  wallMs: number;
  /** Interactions the bot never answered within the deadline. */
  unanswered: number;
}

/** Runs every queue concurrently, one interaction at a time per queue. */
export async function runQueues<T>(queues: T[][], fire: (item: T) => InteractionHandle, timeoutMs = 10_000): Promise<PhaseResult> {
  const records: InteractionRecord[] = [];
  let unanswered = 0;
  const started = performance.now();
  await Promise.all(
    queues.map(async (queue) => {
      for (const item of queue) {
        const handle = fire(item);
        try {
          await handle.firstResponse(timeoutMs);
        } catch {
          unanswered++;
        }
        records.push(handle.record);
      }
    }),
  );
  return { records, wallMs: performance.now() - started, unanswered };
}

export interface PhaseMetrics {
  interactions: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that were not the expected kind (an error message, a late or missing response). */
  failures: number;
}

export function phaseMetrics(result: PhaseResult, ok: (record: InteractionRecord) => boolean): PhaseMetrics {
  const times = result.records.flatMap((r) => (r.firstResponse ? [r.firstResponse.ms] : [])).sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    interactions: result.records.length,
    perSecond: round(result.records.length / (result.wallMs / 1000)),
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times.at(-1) ?? 0),
    failures: result.records.filter((r) => !r.firstResponse || r.expired || !ok(r)).length + result.unanswered,
  };
}

export interface Click {
  userId: string;
  storyId: number;
  value: number;
}

/**
 * Votes lost: the last click of each member on each story (the stand-in's records, in dispatch order) must be the
 * member's stored vote, and each story's tally must equal its stored votes. A member's clicks are sequential, so
 * "last" is well defined.
 */
export function countLostVotes(
  clicks: InteractionRecord[],
  stored: { userId: string; storyId: number; value: number }[],
  tallies: { storyId: number; voteCount: number; voteSum: number }[],
): { votesLost: number; tallyMismatches: number; repeatClicks: number; membersStories: number } {
  const expected = new Map<string, number>();
  let repeatClicks = 0;
  for (const r of [...clicks].sort((a, b) => a.dispatchedAt - b.dispatchedAt)) {
    const [, story, value] = r.name.split(':');
    const key = `${r.userId}:${story}`;
    if (expected.has(key)) repeatClicks++;
    expected.set(key, Number(value));
  }
  const actual = new Map(stored.map((v) => [`${v.userId}:${v.storyId}`, v.value]));
  let votesLost = 0;
  for (const [key, value] of expected) if (actual.get(key) !== value) votesLost++;
  const byStory = new Map<number, { count: number; sum: number }>();
  for (const v of stored) {
    const t = byStory.get(v.storyId) ?? { count: 0, sum: 0 };
    byStory.set(v.storyId, { count: t.count + 1, sum: t.sum + v.value });
  }
  const tallyMismatches = tallies.filter((t) => byStory.get(t.storyId)?.count !== t.voteCount || byStory.get(t.storyId)?.sum !== t.voteSum).length + [...byStory.keys()].filter((id) => !tallies.some((t) => t.storyId === id)).length;
  return { votesLost, tallyMismatches, repeatClicks, membersStories: expected.size };
}

/** Adds `count` members to the guild and returns their ids. */
export function addMembers(discord: DiscordStandIn, guildId: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => discord.addMember(guildId, { username: `member${i + 1}` }));
}
