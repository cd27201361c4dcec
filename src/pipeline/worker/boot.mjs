// Entry of a pipeline worker thread. Compiled (dist/, `npm start`), the worker's JavaScript sits beside this file;
// from source (tests, benchmarks, the CLI) the thread must first learn TypeScript: a loader given as
// `execArgv: ['--import', 'tsx']` does not apply to a worker's own entry file on Node 20, hence the register step.
import { existsSync } from 'node:fs';

const compiled = new URL('./cpu-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cpu-worker.ts');
}
