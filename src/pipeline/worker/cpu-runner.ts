// Runs the pipeline's CPU jobs (worker/jobs.ts): on this thread (`createInlineCpu`) or in worker threads with limits
// (`createCpuPool`, pool.ts). The inline runner loads the jobs' code with its first job: a bot whose jobs run in
// workers never loads extraction and parsing on its main thread (some 40 MB and a quarter of a second at start).
import type * as Jobs from './jobs.js';
import type { CpuJobInput, CpuJobKind, CpuJobOutput } from './jobs.js';

export interface CpuRunner {
  run<K extends CpuJobKind>(kind: K, input: CpuJobInput<K>): Promise<CpuJobOutput<K>>;
  close(): Promise<void>;
}

export function createInlineCpu(): CpuRunner {
  let jobs: Promise<typeof Jobs> | undefined;
  return {
    async run(kind, input) {
      const { cpuJobs } = await (jobs ??= import('./jobs.js'));
      return (cpuJobs[kind] as (i: typeof input) => CpuJobOutput<typeof kind>)(input);
    },
    close: () => Promise.resolve(),
  };
}
