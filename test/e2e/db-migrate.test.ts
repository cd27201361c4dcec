// `npm run db:migrate` says what it did: the migrations it applied, or that none were pending; and why it failed, in
// one sentence.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/db-migrate.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run db:migrate', { timeout: 120_000 }, () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'gazette-db-migrate-')); // no .env of a developer's
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  /** Runs the script from `cwd` with `env`; its exit code, stdout and stderr. */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', join(root, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'), script], { cwd, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('names the migrations it applied to a new database', async () => {
    const out = await run({ DATA_DIR: 'memory://' });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Applied \d+ migration\(s\): \d+_init, .+\. Database is up to date \(embedded, in memory:\/\/\)\.\n$/);
  });

  it('says when none were pending', async () => {
    const out = await run({ DATA_DIR: join(cwd, 'data') }); // made from the build's migrated empty database
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(`No migrations were pending: the database is up to date (embedded, in ${join(cwd, 'data')}).\n`);
  });

  it('says in one sentence why a server cannot be used', async () => {
    const out = await run({ DATABASE_URL: 'postgresql://gazette:secret@127.0.0.1:1/gazette' });
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('Migration failed: The PostgreSQL server in DATABASE_URL cannot be reached at 127.0.0.1:1: check its host and port, and that the server is running and accepts connections from here.\n');
  });
});
