// `npm start`: runs the compiled bot (dist/src/main.js), building it first when any source is newer than the last
// build, so a `git pull` needs no extra step. Compiled JavaScript starts with less CPU and memory than tsx (ADR 21).
// `npm run rest-proxy` runs the shared REST proxy the same way (`start.mjs rest-proxy`).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`Gazette could not be built: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const entry = process.argv[2] === 'rest-proxy' ? 'rest-proxy-main.js' : 'main.js';
await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'src', entry)).href);
