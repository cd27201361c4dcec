// Entry of a pipeline worker thread: teaches the thread TypeScript (tsx), then loads the worker itself. A loader
// given as `execArgv: ['--import', 'tsx']` does not apply to a worker's own entry file on Node 20, hence this step.
import { register } from 'tsx/esm/api';

register();
await import('./cpu-worker.ts');
