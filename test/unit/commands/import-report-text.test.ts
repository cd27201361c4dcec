// `/source import`'s attached report is a text file: Discord's markup in its lines (a channel mention, the time a
// site asked Gazette to wait until) is written out, as no one renders it there.
import { describe, expect, it } from 'vitest';
import { asPlainText } from '../../../src/discord/commands/source-import.js';

describe("the import report's text file", () => {
  it('writes channel mentions and timestamps out', () => {
    const at = Date.UTC(2026, 11, 7, 14, 30) / 1000;
    expect(asPlainText(`example.org asked Gazette to wait before reading it again; try again after <t:${at}:t> (<t:${at}:R>).`)).toBe(
      'example.org asked Gazette to wait before reading it again; try again after 2026-12-07 14:30 UTC.',
    );
    expect(asPlainText('Already followed in <#310000000000000001>.')).toBe('Already followed in channel 310000000000000001.');
  });
});
