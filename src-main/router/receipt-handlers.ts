import type { Services } from '../services';
import { AppError } from '../services/errors';
import type { Handlers } from './router';

type ReceiptHandlers = Pick<Handlers, 'drives.list' | 'drives.eject' | 'paper.make' | 'paper.list' | 'paper.open' | 'receipt.record' | 'receipt.addScan' | 'receipt.list'>;

export function createReceiptHandlers(services: Services): ReceiptHandlers {
  const { drives, papers, receipts } = services;
  return {
    'drives.list': () => drives.list(),
    'drives.eject': (input) => drives.eject(input),
    'paper.make': (input, ctx) => papers.make({ ...input, actor: ctx.actor }),
    'paper.list': (input) => papers.list(input),
    'paper.open': (input) => papers.open(input),
    'receipt.record': (input, ctx) => receipts.record({ ...input, actor: ctx.actor }),
    'receipt.addScan': (input, ctx) => {
      // The app's own window only gets files from the main-process dialog; typing a path is for the bridge and CLI.
      if (input.source.kind === 'typed' && ctx.sender.transport === 'ipc') throw new AppError('forbidden_sender', 'Choose the photo or scan with the "Add photo or scan" button.');
      return receipts.addScan({ ...input, actor: ctx.actor });
    },
    'receipt.list': (input) => receipts.list(input),
  };
}
