// The alert DM (src/discord/alerts/alert-message.ts) stays inside Discord's limits with the worst input, neutralises
// feed text, says how many more there are; and the follows it offers to unfollow are those the stories matched.
import { describe, expect, it } from 'vitest';
import { alertMessage, type AlertStory } from '../../src/discord/alerts/alert-message.js';
import { matchedFollows } from '../../src/discord/alerts/matched-follows.js';
import { customId, parseCustomId } from '../../src/discord/custom-ids.js';
import { defaultRegions, normalizeTag, regionTag } from '../../src/pipeline/orchestrator.js';

const nasty = '*_~`|>#[]()-\\ @everyone <@&123456789012345678> '.repeat(10);

function story(id: number, posted: boolean): AlertStory {
  return {
    id,
    title: `${nasty} ${'word '.repeat(80)}`,
    url: `https://example.org/${'a'.repeat(500)}`,
    sourceName: `${nasty} Outlet`,
    channelId: posted ? '123456789012345678' : null,
    messageId: posted ? '123456789012345679' : null,
    threadId: null,
  };
}

describe('the alert message', () => {
  it('keeps ten worst-case stories, three servers and twenty follows inside Discord’s limits', () => {
    const sections = [0, 1, 2].map((g) => ({ guildId: `90000000000000000${g}`, guildName: `${nasty} server ${g}`, stories: [0, 1, 2, 3].map((i) => story(g * 4 + i + 1, i % 2 === 0)).slice(0, g === 2 ? 2 : 4) }));
    const unfollow = Array.from({ length: 20 }, (_, i) => ({ followId: 2_000_000_000 + i, label: `“${'phrase '.repeat(20)}${i}”` }));
    const body = alertMessage({ sections, more: 37, batchMinutes: 60, unfollow });
    const embed = body.embeds[0]!;
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.title!.length + embed.description!.length + embed.footer!.text.length).toBeLessThanOrEqual(6000);
    expect(body.components.length).toBeLessThanOrEqual(5);
    const buttons = body.components.flatMap((r) => r.components);
    expect(body.components.every((r) => r.components.length <= 5)).toBe(true);
    expect(buttons.length).toBe(10);
    expect(buttons.every((b) => b.label!.length <= 80 && b.custom_id.length <= 100)).toBe(true);
    expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(buttons.length);
    expect(`${body.content}${embed.description}`).not.toMatch(/(?<!\u200b)@everyone|<@&\d+>/);
    expect(embed.description).toMatch(/…and \d+ more stories: `\/news latest` in the server shows them\.$/);
    expect(embed.description).toContain('· `/news story id:2`'); // not posted yet: the command finds it
  });

  it('counts what it lists and what it leaves out', () => {
    const body = alertMessage({ sections: [{ guildId: '1', guildName: 'Regional News', stories: [story(7, true)] }], more: 0, batchMinutes: 15, unfollow: [] });
    expect(body.content).toBe('1 new story you follow in Regional News.');
    expect(body.embeds[0]!.description).not.toMatch(/more stor/);
    expect(body.embeds[0]!.footer!.text).toMatch(/^At most one of these every 15 minutes\./);
    expect(body.components).toEqual([]);
  });

  it('names the server of each unfollow button when the message lists several', () => {
    const sections = [
      { guildId: '1', guildName: 'Regional News', stories: [story(10, true)] },
      { guildId: '2', guildName: 'Caucasus Watch', stories: [story(11, true)] },
    ];
    const unfollow = [
      { followId: 1, label: '🇬🇪 Georgia', server: 'Regional News' },
      { followId: 2, label: '🇬🇪 Georgia', server: 'Caucasus Watch' },
    ];
    const labels = (body: ReturnType<typeof alertMessage>) => body.components.flatMap((row) => row.components.map((b) => b.label));
    expect(labels(alertMessage({ sections, more: 0, batchMinutes: 15, unfollow }))).toEqual(['Unfollow 🇬🇪 Georgia in Regional News', 'Unfollow 🇬🇪 Georgia in Caucasus Watch']);
    expect(labels(alertMessage({ sections: sections.slice(0, 1), more: 0, batchMinutes: 15, unfollow: unfollow.slice(0, 1) }))).toEqual(['Unfollow 🇬🇪 Georgia']);
  });

  it('links a forum post through its thread, where Discord opens it', () => {
    const forumPost = { ...story(8, true), channelId: '223456789012345678', messageId: '223456789012345679', threadId: '223456789012345679' };
    const body = alertMessage({ sections: [{ guildId: '1', guildName: 'Regional News', stories: [forumPost, story(9, true)] }], more: 0, batchMinutes: 15, unfollow: [] });
    expect(body.embeds[0]!.description).toContain('(https://discord.com/channels/1/223456789012345679/223456789012345679)');
    expect(body.embeds[0]!.description).toContain('(https://discord.com/channels/1/123456789012345678/123456789012345679)');
  });
});

describe('the follows an alert names', () => {
  const follows = [
    { id: 1, kind: 'country' as const, value: 'GE' },
    { id: 2, kind: 'region' as const, value: 'south-caucasus' },
    { id: 3, kind: 'tag' as const, value: 'energy' },
    { id: 4, kind: 'keyword' as const, value: 'gas deal' },
    { id: 5, kind: 'keyword' as const, value: 'wine' },
    { id: 6, kind: 'country' as const, value: 'AM' },
  ];
  it('are those the story matches: its countries, its region and tags in the guild, keywords in its title and summary', () => {
    const about = {
      countries: ['GE', 'AZ'],
      tags: [
        { name: 'south caucasus', kind: 'region' },
        { name: 'energy', kind: 'topic' },
      ],
      title: 'Georgia signs a gas deal',
      summary: 'The deal covers pipelines.',
    };
    expect(matchedFollows(follows, about).map((f) => f.id)).toEqual([1, 2, 3, 4]);
  });

  it('match a follow of a tag or region by the name it was made with, after the tag was renamed or merged', () => {
    const about = {
      countries: [],
      tags: [
        { name: 'caucasus', kind: 'region', aliases: ['south caucasus'] },
        { name: 'power', kind: 'topic', aliases: ['energy'] },
      ],
      title: '',
      summary: '',
    };
    expect(matchedFollows(follows, about).map((f) => f.id)).toEqual([2, 3]);
  });

  it('match a keyword of a script without spaces by its letters, as the alert matching does', () => {
    const about = { countries: [], tags: [], title: '北京市政府宣布新政策', summary: 'กรุงเทพมหานครประกาศ' };
    const keywords = [
      { id: 1, kind: 'keyword' as const, value: '北京' },
      { id: 2, kind: 'keyword' as const, value: 'กรุงเทพ' },
      { id: 3, kind: 'keyword' as const, value: '上海' },
    ];
    expect(matchedFollows(keywords, about).map((f) => f.id)).toEqual([1, 2]);
  });
});

describe('the unfollow button', () => {
  it('reads back what it writes, and refuses a broken one in words', () => {
    expect(parseCustomId(customId({ kind: 'unfollow', followId: 2_147_483_647 }))).toEqual({ kind: 'unfollow', followId: 2_147_483_647 });
    for (const raw of ['unfollow:', 'unfollow:0', 'unfollow:x', 'unfollow:2147483648']) expect(() => parseCustomId(raw), raw).toThrow(expect.objectContaining({ code: 'stale' }));
    expect(() => parseCustomId('unfollow:1:2')).toThrow(expect.objectContaining({ code: 'stale' }));
  });
  it('match a region follow by the tag the region is stored under, for every default region and a server\'s own', () => {
    // A server's own region gets its slug from its name as /config region makes it: "Île-de-France" → ile-de-france.
    const own = { slug: normalizeTag('Île-de-France').replace(/ /g, '-'), name: 'Île-de-France', countries: ['FR'] };
    for (const region of [...defaultRegions, own]) {
      const about = { countries: [], tags: [{ name: regionTag(region).name, kind: 'region' }], title: '', summary: '' };
      expect(matchedFollows([{ id: 1, kind: 'region' as const, value: region.slug }], about)).toHaveLength(1);
    }
  });
});
