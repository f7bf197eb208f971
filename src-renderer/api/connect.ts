import { createApiClient, createEnvelopeClient, type ApiClient, type EnvelopeClient } from '../../src-shared/client';
import { createBridgeTransport, takeBridgeToken } from './bridge-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the loopback bridge. */
    handover?: EnvelopeClient;
  }
}

/** Electron's preload client when present, otherwise the loopback bridge. Both come from the same contract. */
export function connectApi(): ApiClient {
  if (window.handover) return createApiClient(window.handover);
  const token = takeBridgeToken({ location: window.location, history: window.history, storage: window.sessionStorage }) ?? '';
  return createApiClient(createEnvelopeClient(createBridgeTransport({ token })));
}
