import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const discord = { group: ['discord.js', '@discordjs/*'], message: 'Only src/discord/ talks to Discord (docs/architecture.md).' };
const prisma = { group: ['**/generated/prisma/**', '@prisma/*'], message: 'Only src/db/ uses Prisma; import types such as TagKind from src/db (docs/architecture.md).' };
const stages = { group: ['**/pipeline/*/**', '**/pipeline/resolve-source*'], message: 'Use what src/pipeline/orchestrator.ts exports (docs/architecture.md).' };
const appLayers = { group: ['**/db/**', '**/discord/**'], message: 'src/text and src/types are pure helpers every layer may use: they import neither storage nor the bot (docs/architecture.md).' };

/** One no-restricted-imports entry per folder: flat config replaces a rule's options rather than merging them. */
function layers(table) {
  return Object.entries(table).map(([files, patterns]) => ({ files: [files], rules: { 'no-restricted-imports': ['error', { patterns }] } }));
}

export default tseslint.config(
  { ignores: ['node_modules', 'src/generated', 'data', 'coverage', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // The bot logs through pino; console output is for CLI scripts only.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layering of docs/architecture.md, kept by the linter: discord.js only in src/discord, Prisma's client only in
  // src/db, and the pipeline's stages only through src/pipeline/orchestrator.ts; src/text and src/types are pure
  // helpers that import none of the app's layers.
  ...layers({
    'src/db/**': [discord, stages],
    'src/discord/**': [prisma, stages],
    'src/pipeline/**': [discord, prisma],
    'src/{ingest,scheduler,cli,ranking,metrics}/**': [discord, prisma, stages],
    'src/*.ts': [discord, prisma, stages],
    'src/{text,types}/**': [discord, prisma, appLayers],
  }),
  { files: ['scripts/**', 'bench/**', 'src/cli/**'], rules: { 'no-console': 'off' } },
);
