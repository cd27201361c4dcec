// `npm run bench -- <name> [options]` runs bench/<name>.ts, which exports `run(args)` and prints one JSON line.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(1);
}
/** A bench's own description: the comment its file begins with (its command line first). */
const usage = readFileSync(join(here, `${name}.ts`), 'utf8')
  .split('\n')
  .filter((line, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith('//')))
  .map((line) => line.replace(/^\/\/ ?/, ''))
  .join('\n');
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const mod = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void>; harnessHeapMb?: number };
// `npm run bench` gives the bot's 256 MB heap, right for benches that measure the bot in this process. A bench whose
// process is only the harness (the bots run as processes of their own) says what it needs, and runs again with it.
if (mod.harnessHeapMb && getHeapStatistics().heap_size_limit < mod.harnessHeapMb * 2 ** 20) {
  const flags = [...process.execArgv.filter((f) => !f.startsWith('--max-old-space-size')), `--max-old-space-size=${mod.harnessHeapMb}`];
  const again = spawnSync(process.execPath, [...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
try {
  await mod.run(args);
} catch (error) {
  // What a newcomer runs into first: a data set that is not beside the clone, or an option mistyped. Said in words,
  // with the bench's usage; anything else is a failure of the bench, with its stack.
  const e = error as NodeJS.ErrnoException;
  const dataMissing = e.code === 'ENOENT' && e.path;
  const misused = e.code?.startsWith('ERR_PARSE_ARGS_') || e.name === 'BenchUsageError';
  if (!dataMissing && !misused) throw error;
  const what = dataMissing ? `${e.path} is not there: this bench reads a data set (docs/benchmarks.md names each one); give its path as below.` : e.message;
  console.error(`bench ${name}: ${what}\n\n${usage}`);
  process.exit(2);
}
