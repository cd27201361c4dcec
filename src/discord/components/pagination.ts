// Placeholder while result pagination is written (owned by a parallel change); replaced before landing.
import type { ButtonHandler } from '../interaction-router.js';

export const pageButton: ButtonHandler = async () => {
  throw new Error('pagination is being implemented');
};
