// A duration in words, for a sentence a member reads: how long a source has been silent (rounded to its largest
// unit), how long an import read (exactly, as long as it was: "119 seconds" is not "1 minute").
import { plural } from './plural.js';

const units: [number, string, string][] = [
  [86_400_000, 'day', 'days'],
  [3_600_000, 'hour', 'hours'],
  [60_000, 'minute', 'minutes'],
];

/**
 * "3 days", "7 hours", "45 minutes": the largest whole unit, "less than a minute" below one. With `exact`, never
 * rounded: seconds under two minutes ("90 seconds"), then minutes and seconds ("2 minutes 30 seconds").
 */
export function durationWords(ms: number, options: { exact?: boolean } = {}): string {
  if (options.exact) {
    const seconds = Math.floor(ms / 1000);
    if (seconds < 120) return plural(seconds, 'second', 'seconds');
    const [minutes, rest] = [Math.floor(seconds / 60), seconds % 60];
    return rest ? `${plural(minutes, 'minute', 'minutes')} ${plural(rest, 'second', 'seconds')}` : plural(minutes, 'minute', 'minutes');
  }
  for (const [size, one, many] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return plural(n, one, many);
  }
  return 'less than a minute';
}
