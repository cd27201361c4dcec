// How the delivery worker paces Discord: retries of a failing post, and channels taken side by side, each in turn.

/**
 * A post Discord fails for a passing reason (5xx, rate limits, no connection, the REST proxy restarting) is tried again
 * for a day after the post was planned (its row's createdAt, not the story's age): a count of attempts gave up after
 * 75 s, and lost every story of a short outage. A day later the story is no longer news in a channel (a daily digest
 * has listed it; /news still shows it).
 */
export const giveUpPostAfterMs = 24 * 3_600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * How soon a post held back for want of a permission looks again (from the gateway's cache: no request to Discord):
 * sooner while it is new, at most half an hour apart. A change of Gazette's permissions makes it due at once.
 */
export function heldRetryMs(ageMs: number): number {
  return Math.min(30 * 60_000, Math.max(60_000, ageMs / 8));
}

/** Posts claimed at a time, and as many channels sent to side by side (eachChannelInTurn). */
export const postsPerBatch = 10;

/**
 * Runs `work` on each row, a few channels side by side and each channel's rows in turn. Discord limits posts and edits
 * per channel (5 in 5 s): one after another, a channel that has had its five would hold up every other channel's posts
 * until its window passes. In turn within a channel, so its posts keep their order. `parallel` channels at most: a
 * whole claimed batch of posts, since a channel's turn holds no database connection while it waits for Discord (the
 * batch's stories are read, and its posts recorded, in one statement each); with four, two processes posted 254
 * stories a second in the scale bench, with ten 263–307 (docs/benchmarks.md, Scale-out). An error ends that channel's
 * turn and is thrown once every channel is done, so stopping never leaves a post in flight.
 */
export async function eachChannelInTurn<T extends { channelId: string }>(rows: readonly T[], work: (row: T) => Promise<void>, parallel = postsPerBatch): Promise<void> {
  const byChannel = new Map<string, T[]>();
  for (const row of rows) byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row]);
  const channels = [...byChannel.values()];
  const failures: unknown[] = [];
  let next = 0;
  const runner = async () => {
    for (let inTurn = channels[next++]; inTurn; inTurn = channels[next++]) {
      try {
        for (const row of inTurn) await work(row);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, channels.length) }, runner));
  if (failures.length) throw failures[0];
}
