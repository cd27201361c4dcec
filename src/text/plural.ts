// Counts in words, for every layer that writes a sentence with a number in it: replies (src/discord), errors the
// data layer throws (src/db), the command-line tools' output (src/cli).

/** "1 story", "3 stories": a count with its noun. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
