// When a member does not want alerts: quiet hours on their own clock, a window that may cross midnight
// (22:00–07:00). Pure, so the worker and its tests agree on every edge.
import { wallClockAt } from '../../pipeline/orchestrator.js';
import { parseClock } from '../../text/time-of-day.js';

export interface QuietHours {
  timezone: string;
  quietStart: string | null;
  quietEnd: string | null;
}

/** Whether `at` falls in [quietStart, quietEnd) on the member's clock; no window (or an unreadable one) is never quiet. */
export function isQuietAt(at: Date, settings: QuietHours): boolean {
  const start = settings.quietStart ? parseClock(settings.quietStart) : undefined;
  const end = settings.quietEnd ? parseClock(settings.quietEnd) : undefined;
  if (start === undefined || end === undefined || start === end) return false;
  let clock;
  try {
    clock = wallClockAt(at, settings.timezone);
  } catch {
    // A zone this runtime no longer knows: the member's clock is unknown, so UTC rather than never quiet.
    clock = wallClockAt(at, 'UTC');
  }
  const now = clock.hour * 60 + clock.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
