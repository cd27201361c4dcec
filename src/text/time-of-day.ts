// A time of day on a 24-hour clock ("08:30"), as members type it and as settings store it (the digest's time, a
// member's quiet hours). One reading for all: the command that stores a time and the workers that act on it must
// agree on what it means.

/** Minutes since midnight of "HH:MM" or "H:MM" (00:00 to 23:59, spaces around ignored); undefined for anything else. */
export function parseClock(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [hours, minutes] = [Number(m[1]), Number(m[2])];
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : undefined;
}

/** "HH:MM" of minutes since midnight, as settings store it. */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
