// A PostgreSQL server Gazette cannot use is said in one sentence naming DATABASE_URL (README: start-up errors are one
// plain sentence), not in Prisma's message of many lines.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { describeConnectionError } from '../../../src/db/connection-errors.js';

/** What openDatabase throws for `databaseUrl`. */
const failure = (databaseUrl: string) => openDatabase({ databaseUrl }).then(() => expect.unreachable('opened'), (error: unknown) => error);
/** A Prisma error as the PostgreSQL driver adapter reports `cause`. */
const prismaError = (cause: object) => Object.assign(new Error('\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed.'), { code: 'P2010', meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });

describe('describing a PostgreSQL server that cannot be used', () => {
  it('says a server that refuses connections cannot be reached, with its address', async () => {
    const error = await failure('postgresql://gazette:secret@127.0.0.1:1/gazette');
    // openDatabase throws the sentence, with Prisma's error (what was shown before) as its cause for the log.
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'The PostgreSQL server in DATABASE_URL cannot be reached at 127.0.0.1:1: check its host and port, and that the server is running and accepts connections from here.',
    );
    expect(String((error as Error).cause)).toContain('Invalid `prisma');
    expect(describeConnectionError((error as Error).cause)).toBe((error as Error).message);
  });

  it.each([
    [{ originalCode: '28P01', originalMessage: 'password authentication failed for user "gazette"', kind: 'AuthenticationFailed', user: 'gazette' }, 'The PostgreSQL server refused the user name or password in DATABASE_URL.'],
    [{ originalCode: '3D000', originalMessage: 'database "news" does not exist', kind: 'DatabaseDoesNotExist', db: 'news' }, 'The database "news" named in DATABASE_URL does not exist on the PostgreSQL server: create it (an empty one), or correct the name.'],
    [{ originalCode: '28000', originalMessage: 'role "bot" does not exist', kind: 'DatabaseAccessDenied' }, 'The PostgreSQL server refused the user in DATABASE_URL (role "bot" does not exist).'],
    [{ kind: 'SocketTimeout' }, 'The PostgreSQL server in DATABASE_URL did not answer in time: check its host and port, and that the server is running and accepts connections from here.'],
  ])('says %o in one sentence', (cause, sentence) => {
    expect(describeConnectionError(prismaError(cause))).toBe(sentence);
  });

  it('reads node-postgres errors too (the migration lock session), and a timeout connecting', () => {
    expect(describeConnectionError(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe('The PostgreSQL server refused the user name or password in DATABASE_URL.');
    expect(describeConnectionError(new Error('Connection terminated due to connection timeout'))).toMatch(/^The PostgreSQL server in DATABASE_URL did not answer in time: /);
  });

  it('leaves other errors alone', () => {
    expect(describeConnectionError(new Error('migration failed'))).toBeUndefined();
    expect(describeConnectionError(prismaError({ originalCode: '42P07', kind: 'postgres' }))).toBeUndefined();
  });
});
