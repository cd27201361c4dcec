// Held responses: the request is carried out (a message is created) but its answer is withheld until released.
// A bot that dies meanwhile never learns the outcome — the crash window the outbox must survive.
import { routeMatcher } from './rate-limits.js';

export interface HeldResponse {
  /** Resolves when a matching request has been carried out and its answer is being held. */
  arrived: Promise<void>;
  /** Sends the held answer (to a connection that may be gone). */
  release(): void;
}

interface Gate {
  matches: (method: string, path: string) => boolean;
  arrived: () => void;
  released: Promise<void>;
  taken: boolean;
}

export function createResponseGates() {
  const gates: Gate[] = [];
  return {
    hold(route: string | RegExp): HeldResponse {
      let arrived!: () => void;
      let release!: () => void;
      const gate: Gate = {
        matches: routeMatcher(route),
        arrived: () => arrived(),
        released: new Promise<void>((r) => (release = r)),
        taken: false,
      };
      const arrival = new Promise<void>((r) => (arrived = r));
      gates.push(gate);
      return { arrived: arrival, release };
    },
    /** The gate for this request, if one is waiting for it (each gate holds one request). */
    take(method: string, path: string): Gate | undefined {
      const gate = gates.find((g) => !g.taken && g.matches(method, path));
      if (gate) gate.taken = true;
      return gate;
    },
  };
}

export type ResponseGates = ReturnType<typeof createResponseGates>;
