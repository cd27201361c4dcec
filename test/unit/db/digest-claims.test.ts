// A digest period is claimed before its post (src/db/digests.ts): never twice at once, never again once posted or
// refused, but taken again when the process that claimed it died before posting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.js';
import { claimDigest, digestClaimMs, recordDigestFailure, recordDigestMessage } from '../../../src/db/digests.js';
import { createTestDatabase } from '../../helpers/db.js';

const guildId = '100000000000000091';

describe('digest claims', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.guild.create({ data: { id: guildId } });
  });
  afterAll(() => db.close());

  const later = (t: Date, ms: number) => new Date(t.getTime() + ms);

  it('hold while the digest is being posted, and are taken again when the claimer died before posting', async () => {
    const t0 = new Date('2026-03-02T09:00:00Z');
    expect(await claimDigest(db.prisma, guildId, '2026-03-02', t0)).toBe(true);
    expect(await claimDigest(db.prisma, guildId, '2026-03-02', later(t0, 60_000))).toBe(false);
    // Nobody recorded a post or a refusal: the claimer is gone.
    expect(await claimDigest(db.prisma, guildId, '2026-03-02', later(t0, digestClaimMs))).toBe(true);
  });

  it('are never taken again once the digest was posted or refused', async () => {
    const t0 = new Date('2026-03-03T09:00:00Z');
    expect(await claimDigest(db.prisma, guildId, '2026-03-03', t0)).toBe(true);
    await recordDigestMessage(db.prisma, guildId, '2026-03-03', '500000000000000001');
    expect(await claimDigest(db.prisma, guildId, '2026-03-03', later(t0, 10 * digestClaimMs))).toBe(false);

    expect(await claimDigest(db.prisma, guildId, '2026-03-04', t0)).toBe(true);
    await recordDigestFailure(db.prisma, guildId, '2026-03-04', 'Missing Access');
    expect(await claimDigest(db.prisma, guildId, '2026-03-04', later(t0, 10 * digestClaimMs))).toBe(false);
    expect(await db.prisma.digestRun.count({ where: { guildId } })).toBe(3);
  });
});
