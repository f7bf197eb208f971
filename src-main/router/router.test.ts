import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-dir';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../services/logger';
import { createHandlers } from './handlers';
import { createRouter, type Sender } from './router';

const tempDir = useTempDirs();
const window: Sender = { transport: 'ipc', trusted: true, description: 'app://handover/index.html' };

function setup() {
  return createAppCore({ dataDir: tempDir(), appVersion: '9.9.9', logger: createMemoryLogger() });
}

describe('router', () => {
  it('runs a valid request and returns the value', async () => {
    const core = setup();
    const created = await core.router.handle('cases.create', { title: '  Theft at till 2 ', incidentType: 'theft' }, window);
    expect(created).toMatchObject({ ok: true, value: { title: 'Theft at till 2', reference: null, stepsDone: 0 } });
    expect(await core.router.handle('app.info', {}, window)).toEqual({ ok: true, value: { name: 'Handover', version: '9.9.9', transport: 'ipc' } });
    await core.close();
  });

  it('rejects an invalid payload with a clear, plain message and changes nothing', async () => {
    const core = setup();
    const missingTitle = await core.router.handle('cases.create', { incidentType: 'theft' }, window);
    expect(missingTitle).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Some details are missing or wrong: title is missing.' } });
    const badType = await core.router.handle('cases.create', { title: 'x', incidentType: 'murder' }, window);
    expect(badType).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Please choose what kind of incident') as string } });
    const extra = await core.router.handle('cases.create', { title: 'x', incidentType: 'theft', path: '/etc/passwd' }, window);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('unexpected field path') as string } });
    const notObject = await core.router.handle('cases.get', 'DROP TABLE cases', window);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badId = await core.router.handle('cases.get', { caseId: '../../x' }, window);
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('That case id is not valid') as string } });
    expect(await core.router.handle('cases.list', {}, window)).toEqual({ ok: true, value: [] });
    await core.close();
  });

  it('refuses untrusted senders before looking at the request', async () => {
    const core = setup();
    const result = await core.router.handle('cases.create', { title: 'x', incidentType: 'theft' }, { transport: 'ipc', trusted: false, description: 'https://evil.example' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await core.router.handle('cases.list', {}, window)).toEqual({ ok: true, value: [] });
    await core.close();
  });

  it('refuses unknown channels', async () => {
    const core = setup();
    expect(await core.router.handle('fs.readFile', {}, window)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await core.router.handle('__proto__', {}, window)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    await core.close();
  });

  it('maps service errors to their code and hides internal ones', async () => {
    const core = setup();
    const missing = await core.router.handle('cases.get', { caseId: '00000000-0000-4000-8000-000000000000' }, window);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const logger = createMemoryLogger();
    const handlers = createHandlers(core.services);
    const broken = createRouter({
      logger,
      handlers: {
        ...handlers,
        'cases.list': () => {
          throw new Error('SQLITE_CORRUPT: database disk image is malformed');
        },
        'app.info': () => ({ name: 'Handover', version: 42 }) as never,
      },
    });
    const crashed = await broken.handle('cases.list', {}, window);
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(crashed)).not.toContain('SQLITE');
    expect(await broken.handle('app.info', {}, window)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.lines.map((line) => line.message)).toEqual(['handler failed', 'handler returned data that breaks the contract']);
    await core.close();
  });

  it('records the sender as the actor in the custody log', async () => {
    const core = setup();
    await core.router.handle('cases.create', { title: 'x', incidentType: 'theft' }, { transport: 'cli', trusted: true, description: 'cli' });
    expect(core.services.custody.list({}).map((entry) => entry.actor)).toEqual(['cli']);
    await core.close();
  });

  it('starts the media check as a job whose events reach subscribers', async () => {
    const core = setup();
    const events: string[] = [];
    core.onEvent((event) => events.push(event.job.state));
    const started = await core.router.handle('system.startMediaCheck', {}, window);
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value as { jobId: string };
    const final = await core.services.jobs.waitFor({ jobId });
    expect(final.state).toBe('succeeded');
    expect(final.result).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(events[0]).toBe('queued');
    expect(events.at(-1)).toBe('succeeded');
    await core.close();
  });
});
