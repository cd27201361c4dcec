// The gateway, JSON encoding only: HELLO, heartbeat ACKs, IDENTIFY → READY + one GUILD_CREATE per guild of the
// session's shard (without those discord.js waits ~15 s before `clientReady`), RESUME with replay of missed
// dispatches, REQUEST_GUILD_MEMBERS, and sequence numbers on every dispatch. Sharding rules live in shards.ts.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import {
  ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiMember, apiUser, guildCreatePayload } from './api-objects.js';
import type { Dispatcher } from './context.js';
import type { Observer } from './observer.js';
import { createIdentifyLimiter, parseShard, receives, type IdentifyRecord, type ShardingOptions, type ShardTuple } from './shards.js';
import { requireUser, type StandInState } from './state.js';

interface Session {
  id: string;
  socket: WebSocket | null;
  intents: number;
  shard: ShardTuple;
  seq: number;
  /** Dispatches sent so far, for RESUME; tests are short, so nothing is evicted. */
  sent: Array<{ s: number; payload: string }>;
}

export interface Gateway extends Dispatcher {
  /** Identified sessions with an open socket. */
  activeSessions(): number;
  /** Every session identified so far, with its shard and whether its socket is open. */
  sessions(): Array<{ sessionId: string; shard: ShardTuple; connected: boolean }>;
  /** Every IDENTIFY received, in order (refused ones too). */
  identifies(): IdentifyRecord[];
  /** The body of GET /gateway/bot. */
  gatewayBot(): RESTGetAPIGatewayBotResult;
  /** Closes every connection with `code` (4000: discord.js resumes; 1000: it identifies again). */
  dropConnections(code?: number): void;
  close(): Promise<void>;
}

export interface GatewayOptions {
  server: Server;
  state: StandInState;
  observer: Observer;
  token: string;
  url: () => string;
  heartbeatIntervalMs: number;
  sharding: ShardingOptions;
}

export function createGateway(options: GatewayOptions): Gateway {
  const { state, observer, token } = options;
  const wss = new WebSocketServer({ server: options.server, path: '/gateway' });
  const sessions = new Map<string, Session>();
  const identifyLimiter = createIdentifyLimiter(options.sharding, observer);

  function sendDispatch(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const payload = JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data });
    session.sent.push({ s: session.seq, payload });
    if (session.socket?.readyState === session.socket?.OPEN) session.socket?.send(payload);
    observer.changed('gateway', { event, sessionId: session.id });
  }

  function ready(session: Session): void {
    const bot = requireUser(state, state.botUserId);
    const guildIds = [...state.guilds.values()].filter((g) => g.members.has(state.botUserId) && receives(session.shard, g.id)).map((g) => g.id);
    const data = {
      v: 10,
      user: { ...apiUser(bot), verified: true, mfa_enabled: false },
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: options.url(),
      shard: session.shard,
      application: { id: state.applicationId, flags: ApplicationFlags.GatewayMessageContentLimited, flags_new: String(ApplicationFlags.GatewayMessageContentLimited) },
    } satisfies GatewayReadyDispatchData;
    sendDispatch(session, GatewayDispatchEvents.Ready, data);
    for (const id of guildIds) {
      const guild = state.guilds.get(id);
      if (guild) sendDispatch(session, GatewayDispatchEvents.GuildCreate, guildCreatePayload(state, guild, session.intents));
    }
  }

  function fail(socket: WebSocket, code: number, detail: string): void {
    observer.violate({ kind: 'gateway', detail });
    socket.close(code, detail.slice(0, 120));
  }

  function onMessage(socket: WebSocket, raw: string, bound: { session: Session | null }): void {
    let packet: { op?: number; d?: Record<string, unknown> | number | null };
    try {
      packet = JSON.parse(raw) as typeof packet;
    } catch {
      fail(socket, GatewayCloseCodes.DecodeError, 'gateway payload is not JSON');
      return;
    }
    const d = (packet.d ?? {}) as Record<string, unknown>;
    switch (packet.op) {
      case GatewayOpcodes.Heartbeat:
        socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return;
      case GatewayOpcodes.Identify: {
        if (bound.session) return fail(socket, GatewayCloseCodes.AlreadyAuthenticated, 'IDENTIFY sent twice on one connection');
        if (d.token !== token) return fail(socket, GatewayCloseCodes.AuthenticationFailed, 'IDENTIFY with a wrong token');
        if (d.compress === true) return fail(socket, GatewayCloseCodes.DecodeError, 'identify compression is not supported by the stand-in');
        const shard = parseShard(d.shard);
        if (!shard) return fail(socket, GatewayCloseCodes.InvalidShard, `IDENTIFY with an invalid shard ${JSON.stringify(d.shard)}`);
        const admitted = identifyLimiter.admit(shard);
        // Discord's answer to an IDENTIFY over the session-start rate: Invalid Session, not resumable.
        if (!admitted.accepted) return socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
        const session: Session = { id: randomUUID().replace(/-/g, ''), socket, intents: Number(d.intents ?? 0), shard, seq: 0, sent: [] };
        admitted.sessionId = session.id;
        sessions.set(session.id, session);
        bound.session = session;
        ready(session);
        return;
      }
      case GatewayOpcodes.Resume: {
        const session = sessions.get(String(d.session_id));
        if (!session || d.token !== token) {
          socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
          return;
        }
        session.socket = socket;
        bound.session = session;
        for (const entry of session.sent) if (entry.s > Number(d.seq ?? 0)) socket.send(entry.payload);
        sendDispatch(session, GatewayDispatchEvents.Resumed, {});
        return;
      }
      case GatewayOpcodes.RequestGuildMembers: {
        const session = bound.session;
        const guild = state.guilds.get(String(d.guild_id));
        // Discord answers member requests only on the shard that serves the guild.
        if (!session || !guild || !receives(session.shard, guild.id)) return;
        const wanted = Array.isArray(d.user_ids) ? d.user_ids.map(String) : typeof d.user_ids === 'string' ? [d.user_ids] : null;
        const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
        const ids = [...guild.members.keys()].filter((id) => (wanted ? wanted.includes(id) : (state.users.get(id)?.username ?? '').toLowerCase().startsWith(query)));
        const limit = Number(d.limit ?? 0);
        sendDispatch(session, GatewayDispatchEvents.GuildMembersChunk, {
          guild_id: guild.id,
          members: (limit > 0 ? ids.slice(0, limit) : ids).map((id) => apiMember(state, guild, id)),
          chunk_index: 0,
          chunk_count: 1,
          ...(wanted ? { not_found: wanted.filter((id) => !guild.members.has(id)) } : {}),
          ...(d.nonce ? { nonce: d.nonce } : {}),
        });
        return;
      }
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        return;
      default:
        fail(socket, GatewayCloseCodes.UnknownOpcode, `unknown gateway opcode ${String(packet.op)}`);
    }
  }

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const params = new URL(req.url ?? '/', 'ws://stand-in').searchParams;
    if (params.get('encoding') !== 'json' || params.has('compress')) {
      fail(socket, GatewayCloseCodes.DecodeError, `unsupported gateway parameters ${params.toString()}: the stand-in speaks uncompressed JSON (is zlib-sync installed?)`);
      return;
    }
    const bound: { session: Session | null } = { session: null };
    socket.on('message', (raw) => onMessage(socket, raw.toString(), bound));
    socket.on('close', () => {
      if (bound.session?.socket === socket) bound.session.socket = null;
    });
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: options.heartbeatIntervalMs } }));
  });

  return {
    dispatch(event, data, intent, guildId) {
      for (const session of sessions.values()) {
        if (!session.socket || !receives(session.shard, guildId)) continue;
        if (intent !== null && (BigInt(session.intents) & intent) === 0n) continue;
        sendDispatch(session, event, typeof data === 'function' ? (data as (intents: number) => unknown)(session.intents) : data);
      }
    },
    activeSessions: () => [...sessions.values()].filter((s) => s.socket !== null).length,
    sessions: () => [...sessions.values()].map((s) => ({ sessionId: s.id, shard: s.shard, connected: s.socket !== null })),
    identifies: () => identifyLimiter.records,
    gatewayBot: () => identifyLimiter.gatewayBot(options.url()),
    dropConnections(code = 4000) {
      for (const client of wss.clients) client.close(code, 'stand-in dropped the connection');
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
