import type { Token } from './text.js';

export function rankTopics(_title: readonly Token[], _body: readonly Token[]): string[] {
  return [];
}
