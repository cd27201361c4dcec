// `npm run ingest -- <seeds> --json` as a user runs it: the two seed documents of test/fixtures/seeds become
// what their README expects.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seeds = 'test/fixtures/seeds';

interface Article {
  title: string;
  url: string;
  source: string;
  publishedAt: string;
  summary: string;
  countries: string[];
  regions: string[];
  tags: string[];
}

describe('npm run ingest on the seed documents', () => {
  it('keeps its JSON answer on stdout whatever LOG_LEVEL says, a blank one included', async () => {
    for (const level of ['', 'debug']) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'src/cli/ingest.ts', `${seeds}/004_a284c9c23bdb87fa.txt`, '--json'],
        { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: level } },
      );
      expect((JSON.parse(stdout) as { stories: unknown[] }).stories).toHaveLength(2);
    }
  });

  it('prints three articles in two stories, with the dates, places, topics and summaries a reader expects', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/ingest.ts', `${seeds}/000_b3421202f4057a70.txt`, `${seeds}/004_a284c9c23bdb87fa.txt`, '--json', '--timezone', 'Asia/Baku'],
      { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' } },
    );
    const { stories } = JSON.parse(stdout) as { stories: { articles: Article[] }[] };
    // Exactly the documented shape.
    for (const a of stories.flatMap((s) => s.articles)) {
      expect(Object.keys(a).sort()).toEqual(['countries', 'publishedAt', 'regions', 'source', 'summary', 'tags', 'title', 'url']);
      expect(a.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(a.countries.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
      expect(a.summary.length).toBeLessThanOrEqual(600);
      expect(a.summary).toMatch(/[.!?…'"’”]$/);
      expect(a.summary).not.toMatch(/DOWNLOAD|app-store|play-store|logo|Wrote:|youtu\.be|Politics\n/i);
    }
    expect(stories).toHaveLength(2);
    const [caucasus, border] = stories[0]!.articles.length === 2 ? [stories[0]!, stories[1]!] : [stories[1]!, stories[0]!];

    // The forum analysis and the Al Jazeera piece: one story told by two sources.
    expect(caucasus.articles.map((a) => a.source).sort()).toEqual(['000_b3421202f4057a70.txt', 'Al Jazeera']);
    const forum = caucasus.articles.find((a) => a.source !== 'Al Jazeera')!;
    const jazeera = caucasus.articles.find((a) => a.source === 'Al Jazeera')!;
    expect(jazeera.title).toBe("The South Caucasus is slipping from Russia's grasp");
    expect(jazeera.publishedAt).toBe('2025-07-09T20:00:00.000Z'); // 10 July 2025 in Baku, not 7 October
    expect(forum.summary).toMatch(/^Once a close partner of Kremlin/); // the poster's own words, not the quoted post
    for (const a of caucasus.articles) {
      expect(a.countries.slice(0, 2).sort()).toEqual(['AZ', 'RU']);
      expect(a.countries).toEqual(expect.arrayContaining(['AM', 'TR', 'UA']));
      expect(a.regions).toContain('south-caucasus');
      expect(a.tags).toContain('diplomacy');
    }

    // The Cambodia–Thailand report: a story of its own, dated 24 June 2025.
    expect(border.articles).toHaveLength(1);
    const report = border.articles[0]!;
    expect(report).toMatchObject({ source: 'Al Arabiya', publishedAt: '2025-06-23T20:00:00.000Z' });
    expect(report.title).toBe('Cambodia Accuses Thailand of Escalating Tensions With New Land Crossing Restrictions');
    expect(report.countries.slice(0, 2)).toEqual(['KH', 'TH']);
    expect(report.regions[0]).toBe('southeast-asia');
    expect(report.tags).toContain('conflict');
  });

  it('reads a directory, or paths on standard input, and prints all of a large output through a pipe', { timeout: 60_000 }, async () => {
    // 80 copies of the seed page: more JSON than a pipe holds (64 KB), which process.exit() used to cut short.
    const dir = await mkdtemp(join(tmpdir(), 'gazette-ingest-'));
    const page = await readFile(join(root, seeds, '004_a284c9c23bdb87fa.txt'), 'utf8');
    await Promise.all(Array.from({ length: 80 }, (_, i) => writeFile(join(dir, `page-${String(i).padStart(2, '0')}.txt`), page)));
    const run = (args: string[], stdin?: string) =>
      new Promise<string>((done, fail) => {
        const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args, '--json'], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' }, maxBuffer: 64 << 20 }, (error, stdout) =>
          error ? fail(error) : done(stdout),
        );
        child.stdin!.end(stdin ?? '');
      });
    try {
      const fromDir = await run([dir]);
      const fromStdin = await run(['-'], (await readdir(dir)).map((n) => join(dir, n)).join('\n'));
      for (const out of [fromDir, fromStdin]) {
        expect(out.length).toBeGreaterThan(100_000);
        const { stories } = JSON.parse(out) as { stories: { articles: { url: string }[] }[] };
        expect(stories.flatMap((s) => s.articles)).toHaveLength(160);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a file of a folder it cannot read and previews the others; fails a single one in its words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gazette-ingest-'));
    await writeFile(join(dir, 'a-seed.txt'), await readFile(join(root, seeds, '004_a284c9c23bdb87fa.txt'), 'utf8'));
    await writeFile(join(dir, 'b-broken.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken');
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts', ...args, '--json'], { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' } }, (error, stdout, stderr) =>
          done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    try {
      const folder = await run([dir]);
      expect(folder.code).toBe(0);
      expect((JSON.parse(folder.stdout) as { stories: unknown[] }).stories).toHaveLength(2);
      expect(folder.stderr).toMatch(/^skipped file:\/\/.*\/b-broken\.xml: The feed is not valid XML/m);
      const alone = await run([join(dir, 'b-broken.xml')]);
      expect(alone.code).toBe(1);
      expect(alone.stderr).toMatch(/^ingest failed: The feed is not valid XML/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
