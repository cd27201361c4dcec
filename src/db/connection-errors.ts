// A PostgreSQL server that cannot be used (DATABASE_URL) as one sentence naming the setting and the cause. Prisma's own
// message spans lines ("Invalid `prisma.$queryRawUnsafe()` invocation: … Code: `28P01`"), and the person who ran
// `npm start` or `npm run db:migrate` reads the first line only.

interface Cause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  host?: string;
  port?: number;
  db?: string;
  reason?: string;
}

/** The driver adapter's account of a failure inside a Prisma error, or a node-postgres error's own fields. */
function causeOf(error: unknown): Cause | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: Cause } } }).meta;
  if (meta?.driverAdapterError?.cause) return meta.driverAdapterError.cause;
  // node-postgres (the migration lock's session): the SQLSTATE or the socket's error code is in `code`.
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return { originalCode: code, originalMessage: typeof message === 'string' ? message : undefined };
  return undefined;
}

const unreachable = 'check its host and port, and that the server is running and accepts connections from here';

/** One sentence for a failure to connect to the server in DATABASE_URL; undefined for any other error. */
export function describeConnectionError(error: unknown): string | undefined {
  const cause = causeOf(error);
  const code = cause?.originalCode;
  const at = cause?.host ? ` at ${cause.host}${cause.port ? `:${cause.port}` : ''}` : '';
  if (cause?.kind === 'DatabaseNotReachable' || code === 'ECONNREFUSED' || code === 'EHOSTUNREACH') {
    return `The PostgreSQL server in DATABASE_URL cannot be reached${at}: ${unreachable}.`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The PostgreSQL server's host name in DATABASE_URL cannot be found (DNS): check the host.`;
  if (cause?.kind === 'AuthenticationFailed' || code === '28P01') return 'The PostgreSQL server refused the user name or password in DATABASE_URL.';
  if (cause?.kind === 'DatabaseAccessDenied' || code === '28000') {
    return `The PostgreSQL server refused the user in DATABASE_URL${cause?.originalMessage ? ` (${cause.originalMessage})` : ''}.`;
  }
  if (cause?.kind === 'DatabaseDoesNotExist' || code === '3D000') {
    const name = cause?.db ? `"${cause.db}" ` : '';
    return `The database ${name}named in DATABASE_URL does not exist on the PostgreSQL server: create it (an empty one), or correct the name.`;
  }
  if (cause?.kind === 'TooManyConnections' || code === '53300') return 'The PostgreSQL server in DATABASE_URL has no connection left for Gazette (too many clients).';
  if (cause?.kind === 'TlsConnectionError') return `A secure (TLS) connection to the PostgreSQL server in DATABASE_URL failed${cause.reason ? `: ${cause.reason}` : ''}.`;
  const message = error instanceof Error ? error.message : '';
  if (cause?.kind === 'SocketTimeout' || code === 'ETIMEDOUT' || /connection timeout|timeout expired/i.test(message)) {
    return `The PostgreSQL server in DATABASE_URL did not answer in time: ${unreachable}.`;
  }
  if (cause?.kind === 'ConnectionClosed' || code === 'ECONNRESET' || /^Connection terminated/.test(message)) {
    return `The PostgreSQL server in DATABASE_URL closed the connection before answering: ${unreachable}.`;
  }
  return undefined;
}

/**
 * What openDatabase throws when opening a server fails: the sentence as the message, the driver's error as its cause
 * (logged in full), so callers print the message without knowing what a database error looks like. Another error is
 * thrown as it is.
 */
export function asConnectionError(error: unknown): unknown {
  const sentence = describeConnectionError(error);
  return sentence === undefined ? error : new Error(sentence, { cause: error });
}
