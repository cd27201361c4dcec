// A thread behind a password: its later pages get the followed address's user name and password (the fetcher leaves
// them out of the address it answers with, so the pagination's links carry none), on its own host and scheme only.
import { describe, expect, it } from 'vitest';
import { withCredentialsOf } from '../../../src/pipeline/read-thread.js';

describe('a later page of a thread behind a password', () => {
  const followed = 'https://reader:s3cret@forum.example/threads/bridge.1/';

  it('is asked for with the followed address’s credentials', () => {
    expect(withCredentialsOf(followed, 'https://forum.example/threads/bridge.1/page-2')).toBe('https://reader:s3cret@forum.example/threads/bridge.1/page-2');
  });

  it('gets none over plain http, on another host, or when it names its own', () => {
    expect(withCredentialsOf(followed, 'http://forum.example/threads/bridge.1/page-2')).toBe('http://forum.example/threads/bridge.1/page-2');
    expect(withCredentialsOf(followed, 'https://cdn.forum.example/threads/bridge.1/page-2')).toBe('https://cdn.forum.example/threads/bridge.1/page-2');
    expect(withCredentialsOf(followed, 'https://guest:x@forum.example/threads/bridge.1/page-2')).toBe('https://guest:x@forum.example/threads/bridge.1/page-2');
    expect(withCredentialsOf('https://forum.example/threads/bridge.1/', 'https://forum.example/threads/bridge.1/page-2')).toBe('https://forum.example/threads/bridge.1/page-2');
  });
});
