import type { Services } from '../services';
import type { Handlers } from './router';

/** Step 2's export: estimate, run, restart, and the results with their hashes. */
export function createExportHandlers(services: Services): Pick<Handlers, Extract<keyof Handlers, `export.${string}`>> {
  const { exports } = services;
  return {
    'export.estimate': (input) => exports.estimate(input),
    'export.start': (input, ctx) => exports.start({ ...input, actor: ctx.actor }),
    'export.restart': (input, ctx) => exports.restart({ ...input, actor: ctx.actor }),
    'export.list': (input) => exports.list(input),
    'export.get': (input) => exports.get(input),
  };
}
