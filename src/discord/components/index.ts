// Buttons and modals by custom_id kind (src/discord/custom-ids.ts: `vote:12:4` → vote with { storyId: 12, value: 4 }).
import { unfollowButton } from '../alerts/unfollow-button.js';
import { moderator, updatesMessage } from '../guards.js';
import type { Handlers } from '../interaction-router.js';
import { discussButton } from './discuss.js';
import { pageButton } from './pagination.js';
import { reviewButton } from './review.js';
import { tagButton, tagModal } from './tag-modal.js';
import { voteButton } from './vote.js';

export const buttonHandlers: Handlers['buttons'] = {
  vote: voteButton,
  tag: tagButton,
  discuss: discussButton,
  // A decision rewrites the review message, a page its list: a slow one keeps it (no "thinking…" reply instead).
  review: updatesMessage(moderator(reviewButton)),
  page: updatesMessage(pageButton),
};

export const modalHandlers: Handlers['modals'] = {
  tagmodal: tagModal,
};

export const directButtonHandlers: Handlers['directButtons'] = {
  unfollow: unfollowButton,
};
