import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream';
import type { AppEvent } from '../../src-shared/contract';
import type { Router, Sender } from '../router/router';
import type { Logger } from '../services/logger';
import { MEDIA_PATH_PREFIX, type MediaServer } from '../services/playback/media-server';
import { RENDERER_CSP, contentTypeFor, resolveStaticFile } from './static-files';

export const BRIDGE_TOKEN_HEADER = 'x-handover-token';
const MAX_BODY_BYTES = 1024 * 1024;

export interface BridgeServer {
  url: string;
  port: number;
  token: string;
  /** The address to open in a browser: the token rides in the fragment, which browsers never send to the server. */
  openUrl: string;
  broadcast(event: AppEvent): void;
  close(): Promise<void>;
}

function tokensMatch(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves the same router over HTTP on 127.0.0.1 for browser end-to-end tests and `npm run dev:web`. Every API call needs
 * the per-run token; Host and Origin must be this loopback address, which stops DNS-rebinding and cross-site pages.
 */
export async function startBridge(options: { router: Router; media: MediaServer; logger: Logger; rendererDir: string; port?: number }): Promise<BridgeServer> {
  const { router, media, logger, rendererDir } = options;
  const token = randomBytes(32).toString('base64url');
  const eventStreams = new Set<http.ServerResponse>();
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const server = http.createServer((req, res) => {
    void handleRequest(req, res).catch((error: unknown) => {
      logger.error('bridge request failed', { error: String(error) });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Something went wrong inside Handover.' } });
      else res.end();
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) return sendJson(res, 421, { ok: false, error: { code: 'forbidden_sender', message: 'Wrong host.' } });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return sendJson(res, 403, { ok: false, error: { code: 'forbidden_sender', message: 'Requests from other sites are refused.' } });
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    // Before the static files: <video> and <img> cannot send the token header, so the unguessable URL is the authority.
    if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) return serveMedia(req, res, url.pathname);

    if (url.pathname.startsWith('/api/')) {
      const headerToken = req.headers[BRIDGE_TOKEN_HEADER];
      if (!tokensMatch(token, Array.isArray(headerToken) ? headerToken[0] : headerToken)) {
        return sendJson(res, 401, { ok: false, error: { code: 'forbidden_sender', message: 'This page is not connected to Handover. Open the address Handover printed.' } });
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
      const match = /^\/api\/invoke\/([\w.]+)$/.exec(url.pathname);
      if (match?.[1] && req.method === 'POST') {
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? (JSON.parse(body) as unknown) : {};
        } catch {
          return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request could not be read.' } });
        }
        const sender: Sender = { transport: 'bridge', trusted: true, description: `bridge ${req.socket.remoteAddress ?? ''}` };
        return sendJson(res, 200, await router.handle(match[1], input, sender));
      }
      return sendJson(res, 404, { ok: false, error: { code: 'unknown_channel', message: 'No such request.' } });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Method not allowed.' } });
    const file = resolveStaticFile({ root: rendererDir, urlPath: url.pathname });
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(fs.existsSync(rendererDir) ? 'Not found' : 'The app has not been built yet: run npm run build:renderer.');
      return;
    }
    res.writeHead(200, {
      'content-type': contentTypeFor(file),
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  async function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): Promise<void> {
    // 'close' on the response is the client going away (or the answer finished): either way, stop making the stream.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const answer = await media.handle({ method: req.method ?? 'GET', urlPath, range: req.headers.range, signal: gone.signal });
    if (!answer) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'Not found.' } });
    const { body } = answer;
    if (res.destroyed) {
      if (body && !Buffer.isBuffer(body)) body.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    if (body === null || Buffer.isBuffer(body)) return void res.end(body ?? undefined);
    // pipeline destroys the body if the client disconnects mid-way, which for a proxy stops ffmpeg.
    pipeline(body, res, (error) => {
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn('media stream broke off', { error: String(error) });
    });
  }

  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      eventStreams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  logger.info('bridge listening', { url });

  return {
    url,
    port,
    token,
    openUrl: `${url}/#token=${token}`,
    broadcast(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
