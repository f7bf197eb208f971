import type { Services } from '../services';
import { AppError } from '../services/errors';
import type { Handlers } from './router';

type BundleHandlers = Pick<
  Handlers,
  | 'producer.get'
  | 'producer.set'
  | 'bundle.chooseDestination'
  | 'bundle.refreshDestination'
  | 'bundle.removeStalePartial'
  | 'bundle.suggestPassword'
  | 'bundle.checkPassword'
  | 'bundle.start'
  | 'bundle.list'
  | 'bundle.get'
  | 'bundle.verify'
  | 'bundle.eject'
>;

export function createBundleHandlers(services: Services): BundleHandlers {
  const { bundles, producer } = services;
  return {
    'producer.get': () => producer.profile(),
    'producer.set': (input, ctx) => producer.setProfile({ profile: input.profile, actor: ctx.actor }),
    'bundle.chooseDestination': (input, ctx) => {
      // The app's own window only gets folders from the main-process dialog; typing a path is for the bridge and CLI.
      if (input.destination.kind === 'typed' && ctx.sender.transport === 'ipc') throw new AppError('forbidden_sender', 'Choose the USB stick with the "Choose USB stick" button.');
      return bundles.chooseDestination(input);
    },
    'bundle.refreshDestination': (input) => bundles.refreshDestination(input),
    'bundle.removeStalePartial': (input, ctx) => bundles.removeStalePartial({ ...input, actor: ctx.actor }),
    'bundle.suggestPassword': () => bundles.suggestPassword(),
    'bundle.checkPassword': (input) => bundles.checkPassword(input),
    'bundle.start': (input, ctx) => bundles.start({ ...input, actor: ctx.actor }),
    'bundle.list': (input) => bundles.list(input),
    'bundle.get': (input) => bundles.get(input),
    'bundle.verify': (input, ctx) => bundles.verify({ ...input, actor: ctx.actor }),
    'bundle.eject': (input, ctx) => bundles.eject({ ...input, actor: ctx.actor }),
  };
}
