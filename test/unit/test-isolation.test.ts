// Test files share one process (vitest.config.ts, ADR 28), so a file that mocks a module, sets an environment
// variable or replaces a global changes what every later file sees — a failure that depends on the order files run
// in. Such a file must be named *.isolated.test.ts, which runs in a process of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testRoot = fileURLToPath(new URL('..', import.meta.url));
// This file names the changes as examples, in strings.
const self = fileURLToPath(import.meta.url);

/** What changes a process for the files after it: module mocks, environment variables, globals, the working folder. */
const processWide = [
  /\bvi\.(?:do)?mock\(/,
  /\bvi\.stub(?:Env|Global)\(/,
  /\bprocess\.env(?:\.\w+|\[[^\]]+\])\s*=(?!=)/,
  /\bdelete\s+process\.env\b/,
  /\bprocess\.chdir\(/,
  /\bsetGlobalDispatcher\(/,
];

/** The lines of `text` that change the process, by pattern. */
function processWideChanges(text: string): string[] {
  return text.split('\n').filter((line) => processWide.some((pattern) => pattern.test(line)));
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'multi-process' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') && !entry.name.endsWith('.isolated.test.ts') && path !== self ? [path] : [];
  });
}

describe('test files sharing a process', () => {
  it('tells the changes that need a process of their own', () => {
    expect(processWideChanges("vi.mock('linkedom', () => ({}));")).toHaveLength(1);
    expect(processWideChanges("    process.env.GAZETTE_WORKER_TEST_HOOKS = '1';")).toHaveLength(1);
    expect(processWideChanges("process.env['TZ'] = 'UTC';")).toHaveLength(1);
    expect(processWideChanges('delete process.env.GAZETTE_WORKER_TEST_HOOKS;')).toHaveLength(1);
    expect(processWideChanges("const env = { ...process.env, DATA_DIR: dir };\nif (process.env.CI === 'true') skipSlow();")).toEqual([]);
  });

  it('leave the process as they found it (or are named *.isolated.test.ts)', () => {
    const offenders = testFiles(testRoot)
      .map((file) => ({ file: relative(testRoot, file), lines: processWideChanges(readFileSync(file, 'utf8')) }))
      .filter((f) => f.lines.length);
    expect(offenders).toEqual([]);
  });
});
