// `npm run build`: compiles src/ and commands/ to dist/ for `npm start` (ADR 21), copies the files tsc does not emit
// (the worker's boot file, data tables read at run time), makes the migrated empty database a first start copies
// (src/db/empty-database.ts), then stamps the build so start.mjs knows it is current.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// A pull that changed the schema without `npm install` would build against the old database client, and queries of
// new tables or columns would fail at run time: the client is generated again first when the schema is newer.
const schema = join(root, 'prisma', 'schema.prisma');
const client = join(root, 'src', 'generated', 'prisma', 'client.ts');
if (!existsSync(client) || statSync(client).mtimeMs < statSync(schema).mtimeMs) {
  const generated = spawnSync(process.execPath, [join(root, 'scripts', 'prisma-generate.mjs')], { stdio: 'inherit' });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
// tsc's exit code 2 means type errors with every file emitted: the bot runs as it did through tsx, which never
// type-checked; `npm run typecheck` (and CI) is the gate. Anything else produced no usable build.
if (result.status === 2) process.stderr.write('Built with type errors (listed above; `npm run typecheck` shows them again).\n');
else if (result.status !== 0) process.exit(result.status ?? 1);

for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(root, 'dist', from.slice(root.length + 1));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}
const { buildEmptyDatabase } = await import('../dist/src/db/empty-database.js');
const { openDatabase } = await import('../dist/src/db/client.js');
if (await buildEmptyDatabase((dataDir) => openDatabase({ dataDir }))) process.stderr.write('Made the empty database a first start copies (dist/empty-database).\n');
writeFileSync(join(root, 'dist', '.built'), `${new Date().toISOString()}\n`);
