// A bare gateway client (the `ws` package) for tests that must see exactly which packets one shard's session gets —
// discord.js would hide a misrouted dispatch behind its cache.
import { WebSocket } from 'ws';
import type { DiscordStandIn } from '../../helpers/discord/index.js';

export interface Packet {
  op: number;
  t?: string | null;
  s?: number | null;
  d?: unknown;
}

export interface RawSession {
  readonly packets: Packet[];
  /** The `d` of every dispatch named `event` received so far. */
  dispatches<T = Record<string, unknown>>(event: string): T[];
  /** Resolves once a heartbeat is acknowledged: everything the stand-in sent before has then arrived (one ordered stream). */
  sync(): Promise<void>;
  /** Resolves with the close code once the stand-in closes the connection. */
  readonly closed: Promise<number>;
  close(): void;
}

export const INTENTS = { guilds: 1 << 0, guildMessages: 1 << 9, directMessages: 1 << 12 };

function next(socket: WebSocket, packets: Packet[], match: (p: Packet) => boolean, timeoutMs = 2000): Promise<Packet> {
  const found = packets.find(match);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching gateway packet within ${timeoutMs} ms; got ${JSON.stringify(packets.map((p) => p.t ?? p.op))}`)), timeoutMs);
    const onMessage = (): void => {
      const packet = packets.find(match);
      if (!packet) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(packet);
    };
    socket.on('message', onMessage);
  });
}

/**
 * Connects and sends IDENTIFY (with `shard` when given); resolves once READY or an Invalid Session (op 9) arrived,
 * and after READY once the guilds' GUILD_CREATEs have too.
 */
export async function identify(standIn: DiscordStandIn, shard?: [number, number], intents = INTENTS.guilds): Promise<RawSession> {
  const socket = new WebSocket(`${standIn.gatewayUrl}?v=10&encoding=json`);
  const packets: Packet[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  // Registered before the socket opens, so that `next` (which listens after this handler) always sees the packet stored.
  socket.on('message', (raw: Buffer) => packets.push(JSON.parse(raw.toString()) as Packet));
  await next(socket, packets, (p) => p.op === 10);
  const d = { token: standIn.token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...(shard ? { shard } : {}) };
  socket.send(JSON.stringify({ op: 2, d }));
  const session: RawSession = {
    packets,
    dispatches: <T>(event: string) => packets.filter((p) => p.op === 0 && p.t === event).map((p) => p.d as T),
    async sync() {
      const acks = packets.filter((p) => p.op === 11).length;
      socket.send(JSON.stringify({ op: 1, d: null }));
      await next(socket, packets, () => packets.filter((p) => p.op === 11).length > acks);
    },
    closed,
    close: () => socket.close(1000),
  };
  await Promise.race([next(socket, packets, (p) => p.t === 'READY' || p.op === 9), closed]);
  if (packets.some((p) => p.t === 'READY')) await session.sync();
  return session;
}
