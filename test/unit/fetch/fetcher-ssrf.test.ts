// The SSRF guard against real servers: each refused target is a live server that would answer if the guard let the
// request through, and each test checks it received nothing. No test connects outside the loopback range: private
// and metadata targets are refused before a socket exists.
import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../src/pipeline/fetch/address-policy.js';
import { startHttpServer } from '../../helpers/http-server.js';
import { makeFetcher, track } from './setup.js';

const guarded = { allowPrivateNetworks: false };
const answer = (_req: unknown, res: { end(body: string): void }): void => res.end('secret');

/** A resolver for invented names; unknown names fail like a real NXDOMAIN. */
function lookupTable(table: Record<string, string>, calls: string[] = []) {
  return async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const address = table[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
}

/** 127.0.0.1 stands for the public internet, every other address keeps its usual verdict. */
const onlyFirstLoopbackIsPublic = (address: string) => (address === '127.0.0.1' ? null : classifyAddress(address));

describe('address literals', () => {
  it('refuses 127.0.0.1 (and reaches it when private networks are allowed)', async () => {
    const server = track(await startHttpServer(answer));
    await expect(makeFetcher(guarded)(server.url)).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: 127.0.0.1 is a loopback address.',
    });
    expect(server.requests).toHaveLength(0);
    expect((await makeFetcher({ allowPrivateNetworks: true })(server.url)).body).toBe('secret');
  });

  it('refuses [::1] and the IPv4-mapped ::ffff:127.0.0.1', async () => {
    const v6 = track(await startHttpServer(answer, { host: '::1' }));
    const v4 = track(await startHttpServer(answer));
    const fetcher = makeFetcher(guarded);
    await expect(fetcher(`http://[::1]:${v6.port}/`)).rejects.toMatchObject({ code: 'blocked-address' });
    await expect(fetcher(`http://[::ffff:127.0.0.1]:${v4.port}/`)).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: ::ffff:7f00:1 is a loopback address.',
    });
    // Other spellings of 127.0.0.1 that URL parsing turns into the same address.
    await expect(fetcher(`http://2130706433:${v4.port}/`)).rejects.toMatchObject({ code: 'blocked-address' });
    await expect(fetcher(`http://0x7f.1:${v4.port}/`)).rejects.toMatchObject({ code: 'blocked-address' });
    expect(v6.requests.length + v4.requests.length).toBe(0);
  });

  it('refuses private and metadata addresses, the metadata ones even when private networks are allowed', async () => {
    await expect(makeFetcher(guarded)('http://10.0.0.5/feed')).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: 10.0.0.5 is a private network address.',
    });
    await expect(makeFetcher(guarded)('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: 169.254.169.254 is a cloud metadata address.',
    });
    await expect(makeFetcher({ allowPrivateNetworks: true })('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({
      code: 'blocked-address',
    });
    await expect(makeFetcher({ allowPrivateNetworks: true })('http://[fd00:ec2::254]/')).rejects.toMatchObject({ code: 'blocked-address' });
  });
});

describe('host names, judged after DNS', () => {
  it('refuses a name that resolves to a private address', async () => {
    const calls: string[] = [];
    const fetcher = makeFetcher({ ...guarded, dnsLookup: lookupTable({ 'feeds.example': '10.0.0.5' }, calls) });
    await expect(fetcher('http://feeds.example/rss')).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: feeds.example resolves to a private network address (10.0.0.5).',
    });
    expect(calls).toEqual(['feeds.example']);
  });

  it('refuses a name that resolves to loopback, though a server is listening there', async () => {
    const server = track(await startHttpServer(answer));
    const fetcher = makeFetcher({ ...guarded, dnsLookup: lookupTable({ 'news.example': '127.0.0.1' }) });
    await expect(fetcher(`http://news.example:${server.port}/`)).rejects.toMatchObject({ code: 'blocked-address' });
    expect(server.requests).toHaveLength(0);
    // The same name is fetched once the policy allows its address, so the refusal above came from the guard.
    const allowed = makeFetcher({ addressPolicy: onlyFirstLoopbackIsPublic, dnsLookup: lookupTable({ 'news.example': '127.0.0.1' }) });
    expect((await allowed(`http://news.example:${server.port}/`)).body).toBe('secret');
  });

  it('refuses a name with any blocked address among its answers', async () => {
    const server = track(await startHttpServer(answer));
    const mixed = async (): Promise<LookupAddress[]> => [
      { address: '127.0.0.1', family: 4 },
      { address: '127.0.0.2', family: 4 },
    ];
    const fetcher = makeFetcher({ addressPolicy: onlyFirstLoopbackIsPublic, dnsLookup: mixed });
    await expect(fetcher(`http://mixed.example:${server.port}/`)).rejects.toMatchObject({
      message: 'Refused: mixed.example resolves to a loopback address (127.0.0.2).',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses localhost and metadata names without asking DNS', async () => {
    const calls: string[] = [];
    const fetcher = makeFetcher({ ...guarded, dnsLookup: lookupTable({}, calls) });
    await expect(fetcher('http://localhost:8080/')).rejects.toMatchObject({ code: 'blocked-address' });
    const open = makeFetcher({ allowPrivateNetworks: true, dnsLookup: lookupTable({}, calls) });
    await expect(open('http://metadata.google.internal/computeMetadata/v1/')).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: metadata.google.internal names a cloud metadata address.',
    });
    expect(calls).toEqual([]);
  });

  it('reports an unknown name as a DNS failure', async () => {
    const fetcher = makeFetcher({ ...guarded, dnsLookup: lookupTable({}) });
    await expect(fetcher('http://gone.example/')).rejects.toMatchObject({
      code: 'dns',
      message: 'The name gone.example could not be found (DNS).',
    });
  });

  it('checks the address at every connect, so a rebinding name cannot switch to a blocked one', async () => {
    // Two servers on one port: the name first resolves to the "public" one, then to the blocked one.
    const good = track(await startHttpServer((_req, res) => res.writeHead(200, { connection: 'close' }).end('public')));
    const bad = track(await startHttpServer(answer, { host: '127.0.0.2', port: good.port }));
    let calls = 0;
    const rebinding = async (): Promise<LookupAddress[]> => [{ address: calls++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 }];
    const fetcher = makeFetcher({ addressPolicy: onlyFirstLoopbackIsPublic, dnsLookup: rebinding });
    expect((await fetcher(`http://rebind.example:${good.port}/`)).body).toBe('public');
    await expect(fetcher(`http://rebind.example:${good.port}/`)).rejects.toMatchObject({ code: 'blocked-address' });
    expect(bad.requests).toHaveLength(0);
    expect(calls).toBe(2);
  });
});

describe('redirects', () => {
  it('refuses a redirect from an allowed address to a blocked one', async () => {
    const inside = track(await startHttpServer(answer, { host: '127.0.0.2' }));
    const outside = track(await startHttpServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${inside.port}/` }).end()));
    await expect(makeFetcher({ addressPolicy: onlyFirstLoopbackIsPublic })(outside.url)).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: 127.0.0.2 is a loopback address.',
    });
    expect(outside.requests).toHaveLength(1);
    expect(inside.requests).toHaveLength(0);
    // With both allowed the same redirect arrives: the target was reachable, the guard stopped it.
    expect((await makeFetcher({ addressPolicy: () => null })(outside.url)).body).toBe('secret');
  });

  it('refuses a redirect to a name that resolves to a blocked address', async () => {
    const inside = track(await startHttpServer(answer, { host: '127.0.0.2' }));
    const outside = track(await startHttpServer((_req, res) => res.writeHead(301, { location: `http://intranet.example:${inside.port}/` }).end()));
    const dnsLookup = lookupTable({ 'www.example': '127.0.0.1', 'intranet.example': '127.0.0.2' });
    await expect(makeFetcher({ addressPolicy: onlyFirstLoopbackIsPublic, dnsLookup })(`http://www.example:${outside.port}/`)).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: intranet.example resolves to a loopback address (127.0.0.2).',
    });
    expect(outside.requests).toHaveLength(1);
    expect(inside.requests).toHaveLength(0);
  });
});

describe("a member's link on a bot whose sources may reach private networks", () => {
  it('is refused a loopback address the same fetcher just reached for a source', async () => {
    const server = track(await startHttpServer(answer));
    const fetcher = makeFetcher({ allowPrivateNetworks: true });
    expect((await fetcher(server.url)).body).toBe('secret');
    await expect(fetcher(server.url, { publicOnly: true })).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: 127.0.0.1 is a loopback address.',
    });
    await expect(fetcher(`http://localhost:${server.port}/`, { publicOnly: true })).rejects.toMatchObject({ code: 'blocked-address' });
    expect(server.requests).toHaveLength(1);
  });

  it("is refused a name that resolves to a private address, even with a source's connection to it kept alive", async () => {
    const inside = track(await startHttpServer(answer, { host: '127.0.0.2' }));
    const fetcher = makeFetcher({ allowPrivateNetworks: true, dnsLookup: lookupTable({ 'intranet.example': '127.0.0.2' }) });
    // A source's fetch leaves a kept-alive connection to the host: a member's link must not ride on it.
    expect((await fetcher(`http://intranet.example:${inside.port}/`)).body).toBe('secret');
    await expect(fetcher(`http://intranet.example:${inside.port}/`, { publicOnly: true })).rejects.toMatchObject({
      code: 'blocked-address',
      message: 'Refused: intranet.example resolves to a loopback address (127.0.0.2).',
    });
    expect(inside.requests).toHaveLength(1);
  });

  it('is refused a local file on a bot that allows file sources', async () => {
    const fetcher = makeFetcher({ allowFileUrls: true });
    await expect(fetcher('file:///etc/hostname', { publicOnly: true })).rejects.toMatchObject({ code: 'file-not-allowed' });
  });
});
