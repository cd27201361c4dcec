// Every handler, keyed by the command definitions: the types in ./types.ts make a missing one a compile error.
import { autocompleteHandlers } from '../autocomplete/index.js';
import { buttonHandlers, directButtonHandlers, modalHandlers } from '../components/index.js';
import type { Handlers } from '../interaction-router.js';
import { configHandlers } from './config.js';
import { followHandlers } from './follow.js';
import { newsHandlers } from './news.js';
import { routeHandlers } from './route.js';
import { sourceHandlers } from './source.js';
import { storyHandlers } from './story.js';
import { tagHandlers } from './tag.js';
import { tagsHandlers } from './tags.js';

export const handlers: Handlers = {
  commands: { news: newsHandlers, tag: tagHandlers, tags: tagsHandlers, source: sourceHandlers, route: routeHandlers, config: configHandlers, story: storyHandlers, follow: followHandlers },
  autocomplete: autocompleteHandlers,
  buttons: buttonHandlers,
  modals: modalHandlers,
  directButtons: directButtonHandlers,
};
