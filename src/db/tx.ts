import type { Prisma } from './client.js';

/** A Prisma client or an interactive transaction: domain functions that take part in a caller's transaction accept either. */
export type Tx = Omit<Prisma, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
