import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Several bot processes on one PostgreSQL server: `npm run test:multi-process` starts the server and runs them.
    exclude: [...configDefaults.exclude, 'test/multi-process/**'],
    globalSetup: ['test/global-setup.ts'],
    // PGlite boots in ~1 s per database and e2e tests start a bot; keep timeouts generous for a 2-core CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    restoreMocks: true,
  },
});
