// Test files share one process (vitest.config.ts, ADR 28), so a file that mocks a module, sets an environment
// variable or replaces a global changes what every later file sees — a failure that depends on the order files run
// in. Such a file must be named *.isolated.test.ts, which runs in a process of its own. Fake timers are the one change
// a shared file may make, if it also puts the real ones back (the check cannot tell that it always does: it asks for
// the call, as a reminder).
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
  // Assigned, also by ??=, ||= and &&=, one variable or the whole environment.
  /\bprocess\.env(?:\.\w+|\[[^\]]+\])?\s*(?:\?\?|\|\||&&)?=(?!=)/,
  /\bObject\.assign\(\s*process\.env\b/,
  /\bdelete\s+process\.env\b/,
  /\bprocess\.chdir\(/,
  /\bsetGlobalDispatcher\(/,
];

/** The lines of `text` that change the process, by pattern; fake timers only in a file that never puts real ones back. */
function processWideChanges(text: string): string[] {
  const restoresTimers = /\bvi\.useRealTimers\(/.test(text);
  return text.split('\n').filter((line) => processWide.some((pattern) => pattern.test(line)) || (!restoresTimers && /\bvi\.useFakeTimers\(/.test(line)));
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
    expect(processWideChanges("process.env.TZ ??= 'UTC';")).toHaveLength(1);
    expect(processWideChanges("process.env['LOG_LEVEL'] ||= 'silent';")).toHaveLength(1);
    expect(processWideChanges('process.env = { ...saved };')).toHaveLength(1);
    expect(processWideChanges("Object.assign(process.env, { DATA_DIR: dir });")).toHaveLength(1);
    expect(processWideChanges('beforeEach(() => vi.useFakeTimers());')).toHaveLength(1);
    expect(processWideChanges('beforeEach(() => vi.useFakeTimers());\nafterEach(() => vi.useRealTimers());')).toEqual([]);
    expect(
      processWideChanges(
        "const env = { ...process.env, DATA_DIR: dir };\nif (process.env.CI === 'true' || process.env.CI !== '1') skipSlow();\nconst level = process.env.LOG_LEVEL ?? 'info';\nconst copy = Object.assign({}, process.env);",
      ),
    ).toEqual([]);
  });

  it('leave the process as they found it (or are named *.isolated.test.ts)', () => {
    const offenders = testFiles(testRoot)
      .map((file) => ({ file: relative(testRoot, file), lines: processWideChanges(readFileSync(file, 'utf8')) }))
      .filter((f) => f.lines.length);
    expect(offenders).toEqual([]);
  });
});
