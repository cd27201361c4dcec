import { describe, expect, it } from 'vitest';
import { customId, pageCounterId, parseCustomId, type CustomId } from '../../../src/discord/custom-ids.js';
import { UserError } from '../../../src/errors.js';

describe('custom ids', () => {
  it('reads back every custom_id Gazette writes', () => {
    const ids: CustomId[] = [
      { kind: 'vote', storyId: 12, value: 4 },
      { kind: 'tag', storyId: 7 },
      { kind: 'discuss', storyId: 2147483647 },
      { kind: 'review', action: 'reject', submissionId: 3 },
      { kind: 'page', listId: 'aB3_-x9Z', page: 0 },
      { kind: 'tagmodal', storyId: 5 },
    ];
    for (const id of ids) {
      expect(customId(id).length).toBeLessThanOrEqual(100);
      expect(parseCustomId(customId(id))).toEqual(id);
    }
  });

  it('refuses in words what it did not write: unknown kinds, broken or out-of-range fields, extra parts', () => {
    const refused: [string, RegExp][] = [
      ['retired:1', /no longer works/],
      ['vote:12', /vote button is broken/],
      ['vote:12:6', /vote button is broken/],
      ['vote:2147483648:3', /no story number/],
      ['tag:-1', /no story number/],
      ['tag:1.5', /no story number/],
      ['tag:', /no story number/],
      ['tag:1:2', /no longer works/],
      ['review:publish:3', /no longer works/],
      ['review:approve:x', /no submission number/],
      ['page:abc:-1', /Run the command again/],
      [pageCounterId('abc'), /Run the command again/],
      ['page:a b:1', /Run the command again/],
      ['vote:1:2:3', /no longer works/],
      ['', /no longer works/],
    ];
    for (const [raw, message] of refused) {
      let thrown: unknown;
      try {
        parseCustomId(raw);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, raw).toBeInstanceOf(UserError);
      expect(thrown, raw).toMatchObject({ code: 'stale', message: expect.stringMatching(message) });
    }
  });
});
