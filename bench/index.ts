// `npm run bench -- <name> [options]` runs bench/<name>.ts, which exports `run(args)` and prints one JSON line.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
const mod = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void>; harnessHeapMb?: number };
// `npm run bench` gives the bot's 256 MB heap, right for benches that measure the bot in this process. A bench whose
// process is only the harness (the bots run as processes of their own) says what it needs, and runs again with it.
if (mod.harnessHeapMb && getHeapStatistics().heap_size_limit < mod.harnessHeapMb * 2 ** 20) {
  const flags = [...process.execArgv.filter((f) => !f.startsWith('--max-old-space-size')), `--max-old-space-size=${mod.harnessHeapMb}`];
  const again = spawnSync(process.execPath, [...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
await mod.run(args);
