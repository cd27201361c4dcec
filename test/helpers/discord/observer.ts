// What the tests observe: every request, every violation of Discord's rules, every mention check, and a change
// signal so a test can await a condition ("a message appeared in channel X") instead of sleeping.
import { EventEmitter } from 'node:events';
import type { MentionCheck, RecordedRequest, Violation } from './model.js';

export type ChangeKind = 'request' | 'violation' | 'message' | 'interaction' | 'thread' | 'webhook' | 'gateway';

export interface Observer {
  readonly startedAt: number;
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  readonly mentionChecks: MentionCheck[];
  /** Emits `change` (kind, payload) after every recorded fact, and the kind itself as an event name. */
  readonly events: EventEmitter;
  now(): number;
  violate(violation: Omit<Violation, 'at'>): void;
  changed(kind: ChangeKind, payload: unknown): void;
  /**
   * Resolves with the first truthy value of `check`, evaluated after every change and every 10 ms (so conditions on
   * the bot's own state work too); rejects after `timeoutMs` with recent requests and violations in the message.
   */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
  close(): void;
}

function summarize(observer: Observer): string {
  const recent = observer.requests.slice(-8).map((r) => `${r.method} ${r.path} → ${r.status}`);
  const violations = observer.violations.map((v) => `${v.kind}: ${v.detail}`);
  return `recent requests: [${recent.join(', ')}]; violations: [${violations.join(', ')}]`;
}

export function createObserver(): Observer {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const startedAt = performance.now();
  const pending = new Set<(error: Error) => void>();
  const observer: Observer = {
    startedAt,
    requests: [],
    violations: [],
    mentionChecks: [],
    events,
    now: () => Math.round((performance.now() - startedAt) * 10) / 10,
    violate(violation) {
      const full: Violation = { ...violation, at: observer.now() };
      observer.violations.push(full);
      observer.changed('violation', full);
    },
    changed(kind, payload) {
      events.emit(kind, payload);
      events.emit('change', kind, payload);
    },
    waitFor(check, timeoutMs = 2000, what = 'a condition') {
      return new Promise((resolve, reject) => {
        const evaluate = (): boolean => {
          let value: ReturnType<typeof check>;
          try {
            value = check();
          } catch (error) {
            finish();
            reject(error as Error);
            return true;
          }
          if (value === undefined || value === null || value === false) return false;
          finish();
          resolve(value);
          return true;
        };
        const onChange = (): void => {
          evaluate();
        };
        const abort = (error: Error): void => {
          finish();
          reject(error);
        };
        const timer = setTimeout(() => abort(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${summarize(observer)}`)), timeoutMs);
        // Conditions may also read the bot's side (its cache, its database), which sends no change signal here.
        const poll = setInterval(onChange, 10);
        const finish = (): void => {
          clearTimeout(timer);
          clearInterval(poll);
          events.off('change', onChange);
          pending.delete(abort);
        };
        pending.add(abort);
        events.on('change', onChange);
        evaluate();
      });
    },
    close() {
      for (const abort of [...pending]) abort(new Error('The Discord stand-in was closed while a test was waiting on it.'));
      events.removeAllListeners();
    },
  };
  return observer;
}
