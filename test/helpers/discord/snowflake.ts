// Real-shaped snowflakes (timestamp since the Discord epoch, then a counter) so that code deriving creation times
// from ids, or sorting by id, behaves as it does against Discord.
const DISCORD_EPOCH = 1_420_070_400_000n;

/** Which shard of `count` serves the guild: Discord's formula, (guild_id >> 22) % count. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * A snowflake source. With `onShard: [id, count]` the id's timestamp is the next millisecond that Discord's formula maps
 * to that shard, so a test can place a guild on a chosen shard; ids stay strictly increasing, which means later ids may
 * run up to count − 1 ms ahead of the clock per such call.
 */
export function createSnowflakes(): (onShard?: readonly [number, number]) => string {
  let increment = 0n;
  let last = 0n;
  return (onShard) => {
    const now = BigInt(Date.now()) - DISCORD_EPOCH;
    // Keep ids strictly increasing even when the clock stands still or steps back.
    let base = now > last ? now : last;
    const step = onShard ? BigInt(onShard[1]) : 1n;
    if (onShard) base += (BigInt(onShard[0]) - (base % step) + step) % step;
    increment = base === last ? increment + 1n : 0n;
    if (increment > 0xfffn) {
      base += step;
      increment = 0n;
    }
    last = base;
    return ((base << 22n) | (1n << 17n) | (increment & 0xfffn)).toString();
  };
}

export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
