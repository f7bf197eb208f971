import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-dir';
import { createMemoryLogger } from '../services/logger';
import { BRIDGE_TOKEN_HEADER } from './server';
import { startWebApp, type WebApp } from './start-web-app';

const tempDir = useTempDirs();
const apps: WebApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function setup(): Promise<WebApp> {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Handover</title>');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'secret');
  const app = await startWebApp({ dataDir: tempDir(), rendererDir, logger: createMemoryLogger() });
  apps.push(app);
  return app;
}

/** Raw request, so Host and Origin can be set to what an attacker would send. */
function rawRequest(options: { port: number; path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: options.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 only, on a random port, with a random token', async () => {
    const app = await setup();
    expect(app.bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.bridge.token).toMatch(/^[\w-]{40,}$/);
    expect(app.bridge.openUrl).toBe(`${app.bridge.url}/#token=${app.bridge.token}`);
  });

  it('answers API calls with the token, through the same router', async () => {
    const app = await setup();
    const response = await fetch(`${app.bridge.url}/api/invoke/app.info`, {
      method: 'POST',
      headers: { [BRIDGE_TOKEN_HEADER]: app.bridge.token, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await response.json()).toMatchObject({ ok: true, value: { name: 'Handover', transport: 'bridge' } });
  });

  it('refuses API calls without the right token', async () => {
    const app = await setup();
    const attempts: Record<string, string>[] = [{}, { [BRIDGE_TOKEN_HEADER]: 'wrong' }, { [BRIDGE_TOKEN_HEADER]: `${app.bridge.token}x` }];
    for (const headers of attempts) {
      const response = await fetch(`${app.bridge.url}/api/invoke/cases.list`, { method: 'POST', headers, body: '{}' });
      expect(response.status).toBe(401);
    }
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (another site)', async () => {
    const app = await setup();
    const token = { [BRIDGE_TOKEN_HEADER]: app.bridge.token };
    const rebound = await rawRequest({ port: app.bridge.port, path: '/api/invoke/cases.list', method: 'POST', headers: { ...token, host: 'evil.example' }, body: '{}' });
    expect(rebound.status).toBe(421);
    const crossSite = await rawRequest({
      port: app.bridge.port,
      path: '/api/invoke/cases.list',
      method: 'POST',
      headers: { ...token, host: `127.0.0.1:${app.bridge.port}`, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('passes invalid input to the router, which refuses it clearly', async () => {
    const app = await setup();
    const headers = { [BRIDGE_TOKEN_HEADER]: app.bridge.token };
    const invalid = await fetch(`${app.bridge.url}/api/invoke/cases.create`, { method: 'POST', headers, body: JSON.stringify({ title: '' }) });
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unreadable = await fetch(`${app.bridge.url}/api/invoke/cases.create`, { method: 'POST', headers, body: '{not json' });
    expect(unreadable.status).toBe(400);
  });

  it('serves the renderer with a CSP and never a file outside it', async () => {
    const app = await setup();
    const index = await fetch(`${app.bridge.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>Handover</title>');
    for (const probe of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const response = await rawRequest({ port: app.bridge.port, path: probe, headers: { host: `127.0.0.1:${app.bridge.port}` } });
      expect(response.body).not.toContain('secret');
    }
  });

  it('serves /media/ URLs without the token header (the URL is the authority), still checking Host and Origin', async () => {
    const app = await setup();
    const file = path.join(tempDir(), 'clip.mp4');
    fs.writeFileSync(file, Buffer.from('0123456789'));
    const url = app.core.services.media.urlForFile({ absPath: file, contentType: 'video/mp4' });
    const ranged = await fetch(`${app.bridge.url}${url}`, { headers: { range: 'bytes=2-5' } });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('2345');
    const head = await fetch(`${app.bridge.url}${url}`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('10');
    const unknown = await fetch(`${app.bridge.url}/media/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/plain');
    const rebound = await rawRequest({ port: app.bridge.port, path: url, headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(421);
    const crossSite = await rawRequest({ port: app.bridge.port, path: url, headers: { host: `127.0.0.1:${app.bridge.port}`, origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
  });

  it('lets the page play and show same-origin media, and nothing from elsewhere', async () => {
    const app = await setup();
    const csp = (await fetch(`${app.bridge.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("media-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('streams job events to a connected page', async () => {
    const app = await setup();
    const headers = { [BRIDGE_TOKEN_HEADER]: app.bridge.token };
    const controller = new AbortController();
    const events = await fetch(`${app.bridge.url}/api/events`, { headers, signal: controller.signal });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const started = await fetch(`${app.bridge.url}/api/invoke/system.startMediaCheck`, { method: 'POST', headers, body: '{}' });
    const { value } = (await started.json()) as { value: { jobId: string } };
    let text = '';
    while (!text.includes('"state":"succeeded"')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += chunk.value;
    }
    controller.abort();
    expect(text).toContain(value.jobId);
    expect(text).toContain('"state":"succeeded"');
  });
});
