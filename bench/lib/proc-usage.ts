// A live process's own CPU time and peak memory, read from /proc (Linux only): what the startup and scale benches
// report for the bot processes they start.
import { readFileSync } from 'node:fs';

/** User + system CPU seconds of a live process (fields 14 and 15 of /proc/pid/stat, in 1/100 s ticks); 0 once it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The most resident memory a live process has had (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 1024);
}
