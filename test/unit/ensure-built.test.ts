// `npm start` builds dist/ when a source is newer than the last build (scripts/ensure-built.mjs). A source dated in
// the future (copied from a machine whose clock runs ahead) stayed newer than every build: it rebuilt forever.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

describe('building before a start', () => {
  let root: string;
  let builds = 0;
  /** Stands in for scripts/build.mjs: stamps dist/; gives up after a few, so the old endless loop fails fast. */
  const build = async (dir: string) => {
    if (++builds > 3) throw new Error('built again and again');
    await mkdir(join(dir, 'dist'), { recursive: true });
    await writeFile(join(dir, 'dist', '.built'), `${new Date().toISOString()}\n`);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gazette-ensure-built-'));
    for (const dir of ['src', 'commands', 'prisma/migrations', 'bench/lib']) await mkdir(join(root, dir), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'prisma/schema.prisma', 'bench/lib/pipeline-measure.ts', 'src/main.ts']) await writeFile(join(root, file), '');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('builds once when a source changed, and not again while none does', async () => {
    builds = 0;
    await ensureBuilt({ root, build });
    await ensureBuilt({ root, build });
    expect(builds).toBe(1);
  });

  it('builds once, not forever, when a source is dated in the future, and says which file', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    await utimes(join(root, 'src', 'main.ts'), tomorrow, tomorrow);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    builds = 0;
    await ensureBuilt({ root, build });
    expect(builds).toBe(1);
    expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toMatch(/1 source file\(s\) are dated in the future \(src\/main\.ts\)/);
  });
});
