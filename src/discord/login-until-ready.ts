// Logging in waits for every shard's READY, and discord.js reconnects without end when Discord's API answers but its
// gateway does not (a firewall or proxy that lets HTTPS through but not WebSockets): start-up would hang with nothing
// logged. A time limit turns that into an error that names the gateway, and the client is destroyed so that its
// reconnect loop does not keep the process alive.
import { Events, type Client } from 'discord.js';

/** How long start-up waits for the gateway without any shard becoming ready (default of BotOptions.readyTimeoutMs). */
export const defaultReadyTimeoutMs = 120_000;
const destroyGraceMs = 2_000;

/**
 * Destroys the client, waiting at most `graceMs`: @discordjs/ws 1.2 can leave destroy() pending for good when it lands
 * while a shard waits for HELLO (the aborted wait starts a reconnect of its own), and a stop must still go on to
 * release its leases and close the database.
 */
export async function destroyWithin(client: Client, graceMs = destroyGraceMs): Promise<void> {
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([client.destroy().catch(() => {}), new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs).unref()))]);
  clearTimeout(grace);
}

/**
 * Logs `client` in and waits for its ready event. The limit counts from the start and again from each shard that
 * becomes ready, so a bot of many shards, which identify one after another within Discord's session-start limit,
 * is not cut off while it makes progress. `stop` cuts the wait off at once, rejecting with its reason: an operator's
 * Ctrl-C otherwise waited out the limit. On failure the client is destroyed.
 */
export async function loginUntilReady(client: Client, token: string, limitMs: number, stop?: AbortSignal): Promise<void> {
  // Asked before the login began (during migrations): nothing to cut off.
  stop?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let rearm = () => {};
  const timedOut = new Promise<never>((_, reject) => {
    rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => reject(new Error(notReady(client, limitMs))), limitMs);
    };
  });
  rearm();
  let onStop = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onStop = () => reject(stop?.reason);
    stop?.addEventListener('abort', onStop, { once: true });
  });
  client.on(Events.ShardReady, rearm);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const login = client.login(token);
  try {
    await Promise.race([Promise.all([login, ready]), timedOut, stopped]);
  } catch (error) {
    // The login still pending settles (or not) once the client is destroyed; its outcome no longer matters.
    login.catch(() => {});
    // Bounded: the error must still reach the caller, which exits.
    await destroyWithin(client);
    throw error;
  } finally {
    clearTimeout(timer);
    client.off(Events.ShardReady, rearm);
    stop?.removeEventListener('abort', onStop);
  }
}

function notReady(client: Client, limitMs: number): string {
  const gateway = client.ws.gateway ?? 'the address Discord gave in GET /gateway/bot';
  return `Discord's gateway (${gateway}) did not get ready within ${Math.round(limitMs / 1000)} s although its API answered: check that this host can open WebSocket connections to it.`;
}
