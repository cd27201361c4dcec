import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHostName, metadataOnlyPolicy, parseIPv6 } from '../../../src/pipeline/fetch/address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['100::1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b:1::1', 'private'],
    ['2002:a00:5::1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['not-an-ip', 'reserved'],
  ])('refuses %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1'])(
    'allows the public address %s',
    (address) => {
      expect(classifyAddress(address)).toBeNull();
    },
  );

  it('parses IPv6 spellings to the same bytes', () => {
    expect(parseIPv6('::ffff:127.0.0.1')).toEqual(parseIPv6('0:0:0:0:0:ffff:7f00:0001'));
    expect(parseIPv6('[::1]')).toEqual(parseIPv6('0::0:1'));
    expect(parseIPv6('12345::')).toBeNull();
  });
});

describe('metadataOnlyPolicy (private networks allowed)', () => {
  it('allows intranet addresses but never the metadata service', () => {
    expect(metadataOnlyPolicy('10.0.0.5')).toBeNull();
    expect(metadataOnlyPolicy('127.0.0.1')).toBeNull();
    expect(metadataOnlyPolicy('169.254.169.254')).toBe('metadata');
    expect(metadataOnlyPolicy('::ffff:169.254.169.254')).toBe('metadata');
    expect(metadataOnlyPolicy('fd00:ec2::254')).toBe('metadata');
  });
});

describe('classifyHostName', () => {
  it('refuses loopback and metadata names without a lookup', () => {
    expect(classifyHostName('localhost')).toBe('loopback');
    expect(classifyHostName('LOCALHOST.')).toBe('loopback');
    expect(classifyHostName('app.localhost')).toBe('loopback');
    expect(classifyHostName('metadata.google.internal')).toBe('metadata');
    expect(classifyHostName('example.com')).toBeNull();
    expect(classifyHostName('localhost.example.com')).toBeNull();
  });
});
