// Buttons and modals by custom_id prefix (`vote:12:4` → vote with ['12', '4']).
import { moderator, type Guarded } from '../guards.js';
import type { ButtonHandler, ModalHandler } from '../interaction-router.js';
import { discussButton } from './discuss.js';
import { pageButton } from './pagination.js';
import { reviewButton } from './review.js';
import { tagButton, tagModal } from './tag-modal.js';
import { voteButton } from './vote.js';

export const buttonHandlers: Record<string, ButtonHandler | Guarded<ButtonHandler>> = {
  vote: voteButton,
  tag: tagButton,
  discuss: discussButton,
  review: moderator(reviewButton),
  page: pageButton,
};

export const modalHandlers: Record<string, ModalHandler> = {
  tagmodal: tagModal,
};
