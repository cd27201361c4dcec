// Which of a forum's tags a story's post carries (src/discord/delivery/forum-tags.ts): the forum's own tags that
// name the story's, topics first, at most five, and never a moderated one (only members with Manage Threads may apply
// those: Discord refused every post of a story whose topic a moderated tag named).
import { describe, expect, it } from 'vitest';
import type { StoryView } from '../../../src/db/story-views.js';
import { forumTagsFor } from '../../../src/discord/delivery/forum-tags.js';

const view = (tags: StoryView['tags']) => ({ tags }) as StoryView;

describe('forum tags of a post', () => {
  it('are the forum’s tags naming the story’s, topics first, moderated ones left to moderators', () => {
    const story = view([
      { name: 'georgia', label: 'Georgia', kind: 'country' },
      { name: 'energy', label: 'Energy', kind: 'topic' },
      { name: 'elections', label: 'Elections', kind: 'topic' },
    ]);
    const forum = [
      { id: 't1', name: 'Georgia' },
      { id: 't2', name: 'energy' },
      { id: 't3', name: 'Elections', moderated: true },
      { id: 't4', name: 'Sport' },
    ];
    expect(forumTagsFor(story, forum)).toEqual(['t2', 't1']);
    expect(forumTagsFor(story, forum.map((t) => ({ ...t, moderated: false })))).toEqual(['t2', 't3', 't1']);
  });
});
