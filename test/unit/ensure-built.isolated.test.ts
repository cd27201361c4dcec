// `npm start` builds dist/ when a source is newer than the last build (scripts/ensure-built.mjs). A source dated in
// the future (copied from a machine whose clock runs ahead) stayed newer than every build: it rebuilt forever. A file
// deleted between listing its folder and reading its date failed the start; the folders it looked at were a copy of
// tsconfig.build.json's "include" that could drift from it.
import type * as fs from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

/** A file readdirSync lists and then deletes, as an editor saving by rename or a `git checkout` does mid-walk. */
const vanishing = vi.hoisted(() => ({ file: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const readdirSync = ((path: fs.PathLike, options?: unknown) => {
    const entries = real.readdirSync(path, options as never);
    if (vanishing.file && dirname(vanishing.file) === String(path)) {
      real.unlinkSync(vanishing.file);
      vanishing.file = '';
    }
    return entries;
  }) as typeof real.readdirSync;
  return { ...real, default: { ...real, readdirSync }, readdirSync };
});

describe('building before a start', () => {
  let root: string;
  let builds = 0;
  const sources = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'prisma/schema.prisma', 'bench/lib/pipeline-measure.ts', 'src/main.ts'];
  /** Stands in for scripts/build.mjs: stamps dist/; gives up after a few, so the old endless loop fails fast. */
  const build = async (dir: string) => {
    if (++builds > 3) throw new Error('built again and again');
    await mkdir(join(dir, 'dist'), { recursive: true });
    await writeFile(join(dir, 'dist', '.built'), `${new Date().toISOString()}\n`);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gazette-ensure-built-'));
    for (const dir of ['src', 'commands', 'prisma/migrations', 'bench/lib']) await mkdir(join(root, dir), { recursive: true });
    for (const file of sources) await writeFile(join(root, file), '');
    await writeFile(join(root, 'tsconfig.build.json'), JSON.stringify({ include: ['src', 'commands', 'tools/**/*.ts'] }));
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

  /** Every source dated a minute back and the last build half a minute back: what changes next calls for a build. */
  const settle = async () => {
    const minuteAgo = new Date(Date.now() - 60_000);
    const halfMinuteAgo = new Date(Date.now() - 30_000);
    for (const file of sources) await utimes(join(root, file), minuteAgo, minuteAgo);
    await mkdir(join(root, 'dist'), { recursive: true });
    await writeFile(join(root, 'dist', '.built'), '');
    await utimes(join(root, 'dist', '.built'), halfMinuteAgo, halfMinuteAgo);
  };

  it('does not fail when a source is deleted while it looks, and still builds for the others', async () => {
    await settle();
    // Newer than the last build, older than the one this makes: a date from Date.now() can be a few ms ahead of the
    // file system's coarser clock that dates the new stamp, and would then call for a second build.
    const changed = new Date(Date.now() - 10_000);
    await utimes(join(root, 'src', 'main.ts'), changed, changed);
    await writeFile(join(root, 'src', 'gone.ts'), '');
    vanishing.file = join(root, 'src', 'gone.ts');
    builds = 0;
    await ensureBuilt({ root, build });
    expect(vanishing.file).toBe('');
    expect(builds).toBe(1);
  });

  it('watches what tsconfig.build.json includes, wildcards and all', async () => {
    await settle();
    await mkdir(join(root, 'tools', 'deep'), { recursive: true });
    await writeFile(join(root, 'tools', 'deep', 'task.ts'), '');
    builds = 0;
    await ensureBuilt({ root, build });
    expect(builds).toBe(1);
  });

  it('takes over at once the lock of a build whose process is gone (Ctrl-C), and says when it waits for a live one', async () => {
    const lock = join(root, 'dist', '.building');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await settle();
    await mkdir(lock, { recursive: true });
    await writeFile(join(lock, 'owner'), `${hostname()} ${gone}\n`);
    await writeFile(join(root, 'src', 'main.ts'), 'changed');
    builds = 0;
    const started = Date.now();
    await ensureBuilt({ root, build });
    expect(builds).toBe(1);
    expect(Date.now() - started).toBeLessThan(3_000);

    await settle();
    await mkdir(lock, { recursive: true });
    await writeFile(join(lock, 'owner'), `${hostname()} ${process.pid}\n`);
    await writeFile(join(root, 'src', 'main.ts'), 'changed again');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    setTimeout(() => void rm(lock, { recursive: true, force: true }), 400);
    builds = 0;
    await ensureBuilt({ root, build });
    expect(builds).toBe(1);
    expect(stderr.mock.calls.map(([text]) => String(text)).join('')).toContain(`Waiting for another build of Gazette (process ${process.pid}) to finish…`);
    stderr.mockRestore();
  });
});
