// The REST side: route matching below `/api/v10`, bot-token auth, fault injection, rate limits, body validation,
// and a record of every request. Route handlers stay plain functions from a context to a status and body.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ResponseGates } from './held-responses.js';
import type { UploadedFile } from './files.js';
import type { StoredFile, ViolationKind } from './model.js';
import type { Observer } from './observer.js';
import { faultBody, type RateLimiter } from './rate-limits.js';
import { describeErrors, discordErrorTree, type FieldError } from './validation.js';

export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** Files sent as multipart parts next to `payload_json`. */
  files: UploadedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Interaction callbacks and webhook routes authenticate by their token in the path, not the bot token. */
  auth?: boolean;
  /** Matches only when this holds for the path's parameters (two routes sharing a path: channel and interaction webhooks). */
  when?: (params: Record<string, string>) => boolean;
  validate?: (body: unknown, ctx: RouteContext) => FieldError[];
  handle: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

/** An error answer as Discord gives it; `violation` also records it as a rule the bot broke. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly violation?: ViolationKind,
  ) {
    super(message);
  }
}

interface CompiledRoute extends Route {
  template: string;
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, template: `${route.method} ${route.path}`, regex: new RegExp(`^${source}$`), names };
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    // discord.js switches to multipart when files are attached; Discord reads the JSON from `payload_json`.
    const form = await new Request('http://stand-in/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const payload = form.get('payload_json');
    const files: UploadedFile[] = [];
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json') continue;
      files.push(
        typeof value === 'string'
          ? { name: value, contentType: null, data: Buffer.from(value) }
          : { name: value.name, contentType: value.type || null, data: Buffer.from(await value.arrayBuffer()) },
      );
    }
    return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (status === 204 || body === undefined) {
    // @discordjs/rest parses any application/json response as JSON, so an empty 204 must not claim to be JSON.
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export interface RestServerOptions {
  routes: Route[];
  token: string;
  observer: Observer;
  limiter: RateLimiter;
  gates?: ResponseGates;
  /** Attachment contents by URL path (the CDN side: no token, not a recorded API request). */
  fileAt?: (path: string) => StoredFile | undefined;
}

export function createRestServer(options: RestServerOptions): Server {
  const routes = options.routes.map(compile);
  const { observer, limiter } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = observer.now();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = url.pathname.startsWith('/api/v10/') ? url.pathname.slice('/api/v10'.length) : null;
    const path = rawPath === null ? url.pathname : rawPath.split('/').map(decodeURIComponent).join('/');
    const query = Object.fromEntries(url.searchParams);
    if (rawPath === null && method === 'GET' && options.fileAt) {
      const file = options.fileAt(url.pathname);
      if (file) {
        res.writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream', 'content-length': String(file.data.length) });
        res.end(file.data);
        return;
      }
    }
    let parsed: { body: unknown; files: UploadedFile[] } = { body: undefined, files: [] };
    let status = 500;
    let responseBody: unknown;
    let route: CompiledRoute | undefined;
    let injected = false;
    const headers: Record<string, string> = {};
    const reply = (s: number, b: unknown): void => {
      status = s;
      responseBody = b;
    };
    try {
      parsed = await readBody(req);
      let params: Record<string, string> = {};
      for (const candidate of rawPath === null ? [] : routes) {
        const m = candidate.method === method ? candidate.regex.exec(path) : null;
        if (!m) continue;
        const found = Object.fromEntries(candidate.names.map((name, i) => [name, m[i + 1] ?? '']));
        if (candidate.when && !candidate.when(found)) continue;
        route = candidate;
        params = found;
        break;
      }
      const ctx: RouteContext = { method, path, params, query, body: parsed.body, files: parsed.files };
      const authorized = req.headers.authorization === `Bot ${options.token}`;
      const taken = limiter.takeFault(method, path);
      const lostAnswer = taken?.afterDoing ? taken : null;
      const fault = lostAnswer ? null : taken;
      if (fault) {
        injected = true;
        if (fault.status === 429) {
          const retryAfter = fault.retryAfter ?? 1;
          headers['Retry-After'] = String(retryAfter);
          headers['X-RateLimit-Scope'] = fault.global ? 'global' : 'user';
          if (fault.global) headers['X-RateLimit-Global'] = 'true';
        }
        reply(fault.status, faultBody(fault));
      } else if (!route) {
        observer.violate({ kind: 'unknown-route', detail: `${method} ${url.pathname} is not a Discord route the stand-in knows`, method, path, body: parsed.body });
        reply(404, { message: '404: Not Found', code: 0 });
      } else if (route.auth !== false && !authorized) {
        observer.violate({ kind: 'unauthorized', detail: `${method} ${path} without the bot token`, method, path });
        reply(401, { message: '401: Unauthorized', code: 0 });
      } else {
        const decision = limiter.check(method, route.template, params, route.auth !== false, parsed.body);
        Object.assign(headers, decision.headers);
        if (decision.retryAfter !== null) {
          headers['Retry-After'] = decision.retryAfter.toFixed(3);
          observer.violate({ kind: 'rate-limit-exceeded', detail: `${route.template} over its ${decision.global ? 'global' : 'route'} limit`, method, path });
          reply(429, { message: 'You are being rate limited.', retry_after: Number(decision.retryAfter.toFixed(3)), global: decision.global });
        } else {
          const errors = route.validate?.(parsed.body, ctx) ?? [];
          if (errors.length > 0) {
            observer.violate({ kind: 'invalid-body', detail: `${route.template}: ${describeErrors(errors)}`, method, path, body: parsed.body });
            reply(400, { message: 'Invalid Form Body', code: 50035, errors: discordErrorTree(errors) });
          } else {
            const result = await route.handle(ctx);
            reply(result.status, result.body);
            if (lostAnswer) {
              injected = true;
              reply(lostAnswer.status, faultBody(lostAnswer));
            }
          }
        }
      }
    } catch (error) {
      if (error instanceof DiscordError) {
        if (error.violation) observer.violate({ kind: error.violation, detail: `${method} ${path}: ${error.message}`, method, path, body: parsed.body });
        reply(error.status, { message: error.message, code: error.code });
      } else if (error instanceof SyntaxError) {
        reply(400, { message: '400: Bad Request', code: 50109 });
      } else {
        observer.violate({ kind: 'stand-in-error', detail: `stand-in failure on ${method} ${path}: ${(error as Error).stack ?? String(error)}`, method, path });
        reply(500, { message: '500: Internal Server Error', code: 0 });
      }
    }
    const gate = options.gates?.take(method, path);
    if (gate) {
      gate.arrived();
      await gate.released;
    }
    if (!res.destroyed) send(res, status, responseBody, headers);
    observer.requests.push({
      method,
      path,
      route: route?.template ?? null,
      query,
      body: parsed.body,
      status,
      responseBody,
      at,
      durationMs: Math.round((observer.now() - at) * 10) / 10,
      injected,
    });
    observer.changed('request', observer.requests.at(-1));
  }

  return createServer((req, res) => {
    void handle(req, res);
  });
}
