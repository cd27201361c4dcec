// One process at a time on an embedded database. PGlite runs PostgreSQL inside the process and takes no lock on its
// data directory: two bots (a second `npm start`, `npm run db:migrate` beside a running bot) would each write the same
// files and corrupt them. A lock file beside the directory names the process holding it; one left by a process that
// is gone (a crash, kill -9) is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Lock files this process holds: opening the same directory twice in one process is refused too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by another user
  }
}

export class DataDirLockedError extends Error {}

export async function lockDataDir(dataDir: string): Promise<{ release(): Promise<void> }> {
  const path = `${resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!held.has(path)) {
      try {
        const file = await open(path, 'wx');
        await file.writeFile(`${process.pid}\n`);
        await file.close();
        held.add(path);
        return {
          async release() {
            held.delete(path);
            await rm(path, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    const ours = held.has(path);
    if (ours || (pid > 0 && pid !== process.pid && alive(pid))) {
      throw new DataDirLockedError(
        `The embedded database in ${resolve(dataDir)} is open in another Gazette process${ours ? ' (this one)' : ` (pid ${pid})`}: stop it first. Several processes need a PostgreSQL server (DATABASE_URL). If no Gazette runs, delete ${path}.`,
      );
    }
    await rm(path, { force: true }); // left by a process that is gone
  }
  throw new DataDirLockedError(`Could not lock ${path}: another process keeps taking it.`);
}
