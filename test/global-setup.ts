// Tests that start the bot as a process run it as `npm start` does, compiled: bring dist/ up to date once, before any
// of them starts, rather than letting the first few race to build it.
import { ensureBuilt } from '../scripts/ensure-built.mjs';

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
