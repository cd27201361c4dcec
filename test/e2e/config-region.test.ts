// `/config region` finds a region the server switched off (a stored definition with no countries) as every command
// finds a region: by slug, name or alias, in any case, with or without "the" (matchRegion).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { OptionValue } from '../helpers/discord/index.js';

describe('/config region and switched-off regions', () => {
  let t: TestBot;

  async function run(command: string, options: Record<string, OptionValue>) {
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, command, options);
    await handle.settled({ timeoutMs: 25_000 });
    return handle.originalMessage()?.data.content ?? '';
  }
  const stored = async () => t.app.db.prisma.guildRegion.findMany({ where: { guildId: t.guildId }, select: { slug: true, name: true, countries: true } });

  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.close();
  });

  it('names a switched-off region as typed elsewhere ("the …", any case) instead of defining a new one', async () => {
    expect(await run('config region', { region: 'Caspian Sea', countries: 'az, KZ' })).toMatch(/^New region \*\*Caspian Sea\*\* now covers/);
    // Switched off: the row stays, without countries (as a switched-off built-in region is stored).
    await t.app.db.prisma.guildRegion.updateMany({ where: { guildId: t.guildId, slug: 'caspian-sea' }, data: { countries: [] } });

    const revived = await run('config region', { region: 'the CASPIAN sea', countries: 'Iran, tkm' });
    expect(revived).toBe('Region **Caspian Sea** now covers Iran (IR), Turkmenistan (TM). Stories from now on are tagged and routed by it.');
    expect(await stored()).toEqual([{ slug: 'caspian-sea', name: 'Caspian Sea', countries: ['IR', 'TM'] }]);
    t.discord.assertNoViolations();
  });

  it('refuses a new region named like a country or a topic, whose tag would be that one', async () => {
    expect(await run('config region', { region: 'Georgia', countries: 'GE' })).toBe('"Georgia" already names the country tag **Georgia**: give the region another name (for example "Georgia region").');
    expect(await run('config region', { region: 'Georgia region', countries: 'GE' })).toMatch(/^New region \*\*Georgia region\*\* now covers Georgia \(GE\)/);
    expect((await stored()).map((r) => r.slug)).toEqual(['caspian-sea', 'georgia-region']);
  });

  it('refuses a list with no country in it rather than leaving the region empty', async () => {
    expect(await run('config region', { region: 'South Caucasus', countries: ' , ;' })).toBe(
      'List at least one country (English names or ISO codes, separated by commas), or leave `countries` out to restore the region. Nothing was changed.',
    );
    expect((await stored()).map((r) => r.slug)).not.toContain('south-caucasus');
  });

  it('refuses to remove a region sources or routes still use, naming them, and removes it once they no longer do', async () => {
    expect(await run('config region', { region: 'Eastern Med', countries: 'LB, SY, JO' })).toMatch(/^New region \*\*Eastern Med\*\*/);
    const { prisma } = t.app.db;
    const feed = await prisma.feed.create({ data: { url: 'https://eastmed.example/feed.xml', kind: 'feed', title: 'East Med Daily' } });
    const byRegion = await prisma.source.create({ data: { guildId: t.guildId, feedId: feed.id, channelId: t.channels.news, region: 'eastern-med' } });
    const byFilter = await prisma.source.create({ data: { guildId: t.guildId, feedId: feed.id, channelId: t.channels.asia, filter: 'oil -region:eastern-med' } });
    // Named only as a word of the filter, not as a region: not a use.
    await prisma.source.create({ data: { guildId: t.guildId, feedId: feed.id, channelId: t.channels.caucasus, filter: 'eastern-med' } });
    const route = await prisma.route.create({ data: { guildId: t.guildId, kind: 'region', value: 'eastern-med', channelId: t.channels.asia } });
    await prisma.follow.create({ data: { guildId: t.guildId, userId: t.users.admin, kind: 'region', value: 'eastern-med' } });

    expect(await run('config region', { region: 'Eastern Med' })).toBe(
      `Sources #${byRegion.id}, #${byFilter.id} and route #${route.id} still use the region **Eastern Med** (as their region or in a filter), and would silently stop matching without it. Change them first with \`/source edit\` (region or filter) or \`/source remove\` and \`/route remove\`, then remove the region. Nothing was changed.`,
    );
    expect((await stored()).map((r) => r.slug)).toContain('eastern-med');

    await prisma.source.deleteMany({ where: { id: { in: [byRegion.id, byFilter.id] } } });
    await prisma.route.delete({ where: { id: route.id } });
    expect(await run('config region', { region: 'eastern med' })).toBe('Removed the region **Eastern Med**. 1 member follows it: their alerts for it stop until a region of that name is defined again.');
    expect((await stored()).map((r) => r.slug)).not.toContain('eastern-med');
  });
});
