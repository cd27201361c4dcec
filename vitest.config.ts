import { configDefaults, defineConfig } from 'vitest/config';

// A test file that changes what every later file in its process would see (a module mocked with vi.mock, an
// environment variable, a global) is named *.isolated.test.ts and runs in a process of its own; the guard in
// test/unit/test-isolation.test.ts keeps the others free of such changes.
const ownProcess = 'test/**/*.isolated.test.ts';
// Several bot processes on one PostgreSQL server: `npm run test:multi-process` starts the server and runs them.
const excluded = [...configDefaults.exclude, 'test/multi-process/**'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // PGlite boots in ~1 s per database and e2e tests start a bot; keep timeouts generous for a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test processes at once, where vitest would run one on a 2-core machine: much of a file's time is spent
    // waiting (for a bot's answer, a child process, a timer), which the other process fills (ADR 28).
    maxWorkers: 2,
    restoreMocks: true,
    projects: [
      // Every other file runs in one of two long-lived processes, one after another in each: a fresh process per file
      // spent ~1 s loading discord.js, Prisma and the pipeline again, more than most files' tests take (ADR 28).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...excluded, ownProcess], isolate: false } },
      { extends: true, test: { name: 'own-process', include: [ownProcess], exclude: excluded } },
    ],
  },
});
