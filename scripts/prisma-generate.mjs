// Runs `prisma generate` without network access. Generation never executes the native schema engine, but the CLI
// insists on finding one and would download it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file stops
// that (see ../shared/docs/offline-prisma.md and docs/adr/0002-offline-migrations.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
