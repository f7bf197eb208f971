import type { AppEvent } from '../src-shared/contract';
import { createHandlers } from './router/handlers';
import { createRouter, type Router } from './router/router';
import { createServices, type CreateServicesOptions, type Services } from './services';

export interface AppCore {
  services: Services;
  router: Router;
  /** Every event for the renderer; each transport forwards these on its one event channel. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  close(): Promise<void>;
}

/** Services, router and event fan-out: the same for the Electron window, the loopback bridge and tests. */
export function createAppCore(options: CreateServicesOptions): AppCore {
  const services = createServices(options);
  const router = createRouter({ handlers: createHandlers(services), logger: services.logger });
  const listeners = new Set<(event: AppEvent) => void>();
  const stopJobEvents = services.jobs.onUpdate((job) => {
    for (const listener of listeners) listener({ type: 'job.update', job });
  });
  return {
    services,
    router,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      stopJobEvents();
      listeners.clear();
      await services.close();
    },
  };
}
