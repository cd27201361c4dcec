import { defineConfig } from 'prisma/config';

// Only `prisma generate` is used (offline); migrations are applied by src/db/migrations.ts through the
// WebAssembly schema engine, so no datasource URL is needed here.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
