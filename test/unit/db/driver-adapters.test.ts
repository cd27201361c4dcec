// A migration's script runs whole on either driver (src/db/driver-adapters.ts); its failure comes back as PostgreSQL's
// error, so that Prisma's schema engine names the failing statement, but only when PostgreSQL raised it.
import { DriverAdapterError, type SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { describe, expect, it } from 'vitest';
import { wholeScripts } from '../../../src/db/driver-adapters.js';

const failingWith = (error: unknown) => wholeScripts({} as SqlDriverAdapter, () => Promise.reject(error));

describe('wholeScripts', () => {
  it('sends the script as it is, once', async () => {
    const sent: string[] = [];
    const script = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nSELECT f();';
    await wholeScripts({} as SqlDriverAdapter, async (s) => sent.push(s)).executeScript(script);
    expect(sent).toEqual([script]);
  });

  it("reports PostgreSQL's error as a PostgreSQL error", async () => {
    const failure = await failingWith(Object.assign(new Error('syntax error at or near "x"'), { code: '42601', severity: 'ERROR' })).executeScript('x').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DriverAdapterError);
    expect((failure as DriverAdapterError).cause).toMatchObject({ kind: 'postgres', code: '42601', message: 'syntax error at or near "x"' });
  });

  it("passes a connection's failure on as it is, not as a statement's", async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(await failingWith(reset).executeScript('SELECT 1').catch((e: unknown) => e)).toBe(reset);
    // Five capitals, as a SQLSTATE has: a broken pipe is still the connection's failure.
    const pipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });
    expect(await failingWith(pipe).executeScript('SELECT 1').catch((e: unknown) => e)).toBe(pipe);
  });
});
