// `npm run test:multi-process`: tests that run several bot processes against one PostgreSQL server, which
// scripts/with-postgres.sh starts; kept out of `npm test` because they need that server (.ci/run runs both).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/multi-process/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
