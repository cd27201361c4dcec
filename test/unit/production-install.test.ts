// `npm install` builds the bot (postinstall: prisma generate, then tsc), so what the build needs must be installed by
// `npm ci --omit=dev` too. TypeScript came only as a devDependency, also installed then as an optional peer of Prisma's
// (the lock's "devOptional"): gone with `--omit=optional` as well, or with a Prisma that drops that peer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; dependencies?: Record<string, string> }>;
};

// scripts/build.mjs runs node_modules/typescript/bin/tsc on tsconfig.build.json; scripts/prisma-generate.mjs runs
// prisma's CLI; `npm run ingest` and the other scripts run through tsx.
const neededToBuild = ['typescript', 'prisma', '@prisma/client', 'tsx'];
// Type declarations stay devDependencies: without them tsc still emits (build.mjs accepts exit code 2, with a
// warning). They come with a production install anyway, through @prisma/adapter-pg (@types/pg, then @types/node).
const typesForTheBuild = ['@types/node', '@types/pg'];

const flags = (name: string) => {
  const entry = lock.packages[`node_modules/${name}`];
  return entry && { dev: entry.dev, devOptional: entry.devOptional, optional: entry.optional };
};
const installed = { dev: undefined, devOptional: undefined, optional: undefined };

describe('an install without development packages', () => {
  it.each(neededToBuild)("keeps %s, which the build needs, out of devDependencies and the lock's dev flags", (name) => {
    expect(manifest.dependencies[name]).toBeDefined();
    expect(manifest.devDependencies[name]).toBeUndefined();
    expect(flags(name)).toEqual(installed);
  });

  it.each(typesForTheBuild)('installs %s too, so that the build type-checks cleanly', (name) => {
    expect(flags(name)).toEqual(installed);
  });

  it('lists the same dependencies in package.json and the lock, as npm ci requires', () => {
    expect(lock.packages['']).toMatchObject({ dependencies: manifest.dependencies, devDependencies: manifest.devDependencies });
  });
});
