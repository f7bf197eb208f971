import type { Services } from '../services';
import { runMediaCheck } from '../services/media/media-check';
import { runDoctor } from '../services/system/doctor';
import { createBundleHandlers } from './bundle-handlers';
import { createExportHandlers } from './export-handlers';
import { createFootageHandlers } from './footage-handlers';
import { createReceiptHandlers } from './receipt-handlers';
import { createReviewHandlers } from './review-handlers';
import type { Handlers } from './router';

/** Maps each contract channel to a service call. Handlers stay one-liners: the logic lives in the services. */
export function createHandlers(services: Services): Handlers {
  const { cases, custody, jobs, logger } = services;
  return {
    'app.info': (_input, ctx) => ({ name: 'Handover', version: services.appVersion, transport: ctx.sender.transport }),
    'system.doctor': () => runDoctor({ db: services.db, dataDir: services.dataDir, appVersion: services.appVersion, env: services.env, logger }),
    'system.startMediaCheck': () => {
      const tools = services.mediaTools();
      const job = jobs.start({ kind: 'system.mediaCheck', run: (ctx) => runMediaCheck({ ctx, tools, logger }) });
      return { jobId: job.id };
    },

    'cases.list': () => cases.list(),
    'cases.get': (input) => cases.get(input),
    'cases.create': (input, ctx) => cases.create({ ...input, actor: ctx.actor }),
    'cases.update': (input, ctx) => cases.update({ ...input, actor: ctx.actor }),
    'cases.setStepState': (input, ctx) => cases.setStepState({ ...input, actor: ctx.actor }),

    ...createFootageHandlers(services),
    ...createReviewHandlers(services),
    ...createExportHandlers(services),
    ...createBundleHandlers(services),
    ...createReceiptHandlers(services),

    'custody.list': (input) => {
      cases.get(input);
      return custody.list(input);
    },
    'custody.verify': () => custody.verify(),

    'jobs.list': () => jobs.list(),
    'jobs.get': (input) => jobs.get(input),
    'jobs.cancel': (input) => jobs.cancel(input),
  };
}
