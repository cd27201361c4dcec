// The address check lives inside the `lookup` that net/tls use to open the socket, so the address judged is the
// address connected to: a DNS answer that changes between a check and the connect (DNS rebinding) cannot slip by.
import { lookup as dnsLookupCallback, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import { describeBlockReason, type AddressPolicy } from './address-policy.js';
import { FetchError } from './errors.js';

/** Resolves a host name to all its addresses (the shape of `dns.promises.lookup(name, { all: true })`). */
export type DnsLookup = (hostname: string) => Promise<LookupAddress[]>;

const lookupAll = promisify(dnsLookupCallback);

export const systemDnsLookup: DnsLookup = (hostname) => lookupAll(hostname, { all: true, verbatim: true });

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

interface LookupOptions {
  family?: number | string | undefined;
  all?: boolean | undefined;
}

/** The `lookup` function signature `net.connect` accepts. */
export type SocketLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

export function blockedAddressError(hostname: string, address: string, policy: AddressPolicy): FetchError | null {
  const reason = policy(address);
  if (!reason) return null;
  const what = describeBlockReason(reason);
  const message =
    hostname === address
      ? `Refused: ${address} is ${what}.`
      : `Refused: ${hostname} resolves to ${what} (${address}).`;
  return new FetchError('blocked-address', message);
}

/**
 * A `lookup` for net/tls that resolves with `resolve`, then refuses the connection when any address is blocked.
 * Refusing on any (rather than dropping the bad ones) keeps a name that mixes public and private answers from being
 * steered at the private one on a later connect.
 */
export function guardedLookup(resolve: DnsLookup, policy: AddressPolicy | null): SocketLookup {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0);
    resolve(hostname)
      .then((found) => {
        const addresses = family === 4 || family === 6 ? found.filter((a) => a.family === family) : found;
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`No address for ${hostname}`);
          error.code = 'ENOTFOUND';
          throw error;
        }
        if (policy) {
          for (const { address } of addresses) {
            const blocked = blockedAddressError(hostname, address, policy);
            if (blocked) throw blocked;
          }
        }
        const first = addresses[0] as LookupAddress;
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, options.all ? [] : ''));
  };
}
