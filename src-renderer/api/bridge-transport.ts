import type { Transport } from '../../src-shared/client';
import { appEventSchema, type AppEvent, type Result } from '../../src-shared/contract';

export const BRIDGE_TOKEN_HEADER = 'x-handover-token';
const TOKEN_STORAGE_KEY = 'handover.bridgeToken';

/**
 * The bridge prints an address ending in `#token=…`. Keep the token for this tab (so reloads work) and take it out of
 * the address bar, so it is not left on screen or in history.
 */
export function takeBridgeToken(options: { location: Location; history: History; storage: Storage }): string | null {
  const match = /(?:^#|&)token=([\w-]+)/.exec(options.location.hash);
  if (match?.[1]) {
    options.storage.setItem(TOKEN_STORAGE_KEY, match[1]);
    const rest = options.location.hash.replace(/(?:^#|&)token=[\w-]+/, '').replace(/^&/, '');
    options.history.replaceState(null, '', `${options.location.pathname}${options.location.search}${rest ? `#${rest}` : ''}`);
    return match[1];
  }
  return options.storage.getItem(TOKEN_STORAGE_KEY);
}

const disconnected = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } });

/** Splits a text/event-stream body into `data:` payloads. */
export function createSseParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onData(data);
      end = buffer.indexOf('\n\n');
    }
  };
}

/** Requests go as POST /api/invoke/<channel>; events come as a fetch-read event stream (EventSource cannot send headers). */
export function createBridgeTransport(options: { token: string; baseUrl?: string }): Transport {
  const base = options.baseUrl ?? '';
  const headers = { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: options.token };
  const listeners = new Set<(event: AppEvent) => void>();
  let streaming = false;

  async function pumpEvents(): Promise<void> {
    for (let attempt = 0; listeners.size > 0; attempt += 1) {
      try {
        const response = await fetch(`${base}/api/events`, { headers });
        if (!response.ok || !response.body) throw new Error(`events ${response.status}`);
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const parse = createSseParser((data) => {
          const event = appEventSchema.safeParse(JSON.parse(data));
          if (event.success) for (const listener of listeners) listener(event.data);
        });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parse(value);
        }
      } catch {
        // Back off and reconnect; the page keeps working and job states are re-read on reconnect by their hooks.
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
    streaming = false;
  }

  return {
    async invoke(channel, input) {
      try {
        const response = await fetch(`${base}/api/invoke/${channel}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
        return (await response.json()) as Result<unknown>;
      } catch {
        return disconnected('Handover is not answering. Check that it is still running, then try again.');
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!streaming) {
        streaming = true;
        void pumpEvents();
      }
      return () => listeners.delete(listener);
    },
  };
}
