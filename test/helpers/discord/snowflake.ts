// Real-shaped snowflakes (timestamp since the Discord epoch, then a counter) so that code deriving creation times
// from ids, or sorting by id, behaves as it does against Discord.
const DISCORD_EPOCH = 1_420_070_400_000n;

export function createSnowflakes(): () => string {
  let increment = 0n;
  let last = 0n;
  return () => {
    const now = BigInt(Date.now()) - DISCORD_EPOCH;
    // Keep ids strictly increasing even when the clock stands still or steps back.
    let base = now > last ? now : last;
    increment = base === last ? increment + 1n : 0n;
    if (increment > 0xfffn) {
      base += 1n;
      increment = 0n;
    }
    last = base;
    return ((base << 22n) | (1n << 17n) | (increment & 0xfffn)).toString();
  };
}

export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
