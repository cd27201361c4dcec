// Placeholder while autocomplete handlers are written (owned by a parallel change); replaced before landing.
import type { AutocompleteHandlers } from '../commands/types.js';

export const autocompleteHandlers = new Proxy({}, { get: () => async () => [] }) as AutocompleteHandlers;
