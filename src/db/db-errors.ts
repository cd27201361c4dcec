// Which database errors mean "another writer got there first" (a unique key) or "try the transaction again" (a
// deadlock or serialization failure). Prisma 7 reports them as P2002 / P2034 only for its model API: through a driver
// adapter, raw SQL ($queryRaw, the ingest hot path) fails with P2010 and the cause in `meta.driverAdapterError`, and
// the two adapters name it differently (PostgreSQL's adapter calls a deadlock a TransactionWriteConflict, PGlite's
// passes it on as kind 'postgres' with its SQLSTATE). So both the codes and the cause are read here.
import { Prisma as PrismaNS } from '../generated/prisma/client.js';

interface AdapterCause {
  kind?: unknown;
  code?: unknown;
  originalCode?: unknown;
}

/** The driver adapter's cause of an error, wherever Prisma put it (known request errors, or the adapter's own error). */
function adapterCause(error: unknown): AdapterCause | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } }).meta;
  if (meta?.driverAdapterError?.cause) return meta.driverAdapterError.cause;
  if ((error as { name?: unknown }).name === 'DriverAdapterError') return (error as { cause?: AdapterCause }).cause;
  return undefined;
}

function sqlState(cause: AdapterCause | undefined): unknown {
  return cause?.originalCode ?? cause?.code;
}

const prismaCode = (error: unknown) => (error instanceof PrismaNS.PrismaClientKnownRequestError ? error.code : undefined);

/** A unique key already taken (SQLSTATE 23505): a parallel writer inserted the same row first. */
export function isUniqueViolation(error: unknown): boolean {
  if (prismaCode(error) === 'P2002') return true;
  const cause = adapterCause(error);
  return cause?.kind === 'UniqueConstraintViolation' || sqlState(cause) === '23505';
}

/** A deadlock (40P01) or serialization failure (40001): the transaction was rolled back and may simply run again. */
export function isTransactionConflict(error: unknown): boolean {
  if (prismaCode(error) === 'P2034') return true;
  const cause = adapterCause(error);
  const state = sqlState(cause);
  return cause?.kind === 'TransactionWriteConflict' || state === '40P01' || state === '40001';
}
