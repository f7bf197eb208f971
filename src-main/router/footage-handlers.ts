import { parseLocalDateTimeText } from '../../src-shared/domain/local-time';
import { clockOffsetFromReadings } from '../../src-shared/domain/time';
import type { Services } from '../services';
import type { ClockAnswer } from '../services/catalogue/catalogue-service';
import { AppError } from '../services/errors';
import type { Handlers, RequestContext } from './router';

type FootageHandlers = Pick<Handlers, 'footage.listSources' | 'footage.addFolder' | 'footage.addDemo' | 'footage.rescan' | 'footage.setClock' | 'footage.overview'>;

async function chooseFolder(options: { services: Services; folder: { kind: 'dialog' } | { kind: 'typed'; path: string }; ctx: RequestContext }): Promise<string | null> {
  const { services, folder, ctx } = options;
  if (folder.kind === 'typed') {
    // The app window must never hand main a path: a compromised page could then read any folder.
    if (ctx.sender.transport === 'ipc') throw new AppError('forbidden_sender', 'Choose the folder with the "Add footage folder" button.');
    return folder.path;
  }
  if (!services.dialogs) throw new AppError('invalid_input', 'There is no folder picker here: type the folder\u2019s path instead.');
  return services.dialogs.pickFolder({ title: 'Choose the folder the recorder saved its recordings to' });
}

/** Marks step 1 as started the first time footage is added, so the checklist reflects the work. */
function markReviewStarted(options: { services: Services; caseId: string; actor: string }): void {
  const review = options.services.cases.get({ caseId: options.caseId }).steps.find((step) => step.id === 'review');
  if (review?.state === 'not_started') options.services.cases.setStepState({ caseId: options.caseId, step: 'review', state: 'in_progress', actor: options.actor });
}

export function createFootageHandlers(services: Services): FootageHandlers {
  const { cases, catalogue } = services;
  return {
    'footage.listSources': (input) => {
      cases.get(input);
      return catalogue.listSources(input);
    },
    'footage.addFolder': async (input, ctx) => {
      cases.get({ caseId: input.caseId });
      const rootPath = await chooseFolder({ services, folder: input.folder, ctx });
      if (rootPath === null) return null;
      const source = catalogue.addSource({ caseId: input.caseId, rootPath, timeZone: input.timeZone, actor: ctx.actor });
      markReviewStarted({ services, caseId: input.caseId, actor: ctx.actor });
      const job = catalogue.startScan({ sourceId: source.id, actor: ctx.actor });
      return { source: catalogue.summarise(source), jobId: job.id };
    },
    'footage.addDemo': (input, ctx) => {
      cases.get({ caseId: input.caseId });
      markReviewStarted({ services, caseId: input.caseId, actor: ctx.actor });
      return { jobId: catalogue.startDemo({ caseId: input.caseId, layout: input.layout, codec: input.codec ?? 'h264', actor: ctx.actor }).id };
    },
    'footage.rescan': (input, ctx) => ({ jobId: catalogue.startScan({ sourceId: input.sourceId, actor: ctx.actor }).id }),
    'footage.setClock': (input, ctx) => {
      let answer: ClockAnswer;
      if (input.answer.kind === 'readings') {
        const recorderShows = parseLocalDateTimeText(input.answer.recorderShows);
        const actualTime = parseLocalDateTimeText(input.answer.actualTime);
        if (!recorderShows || !actualTime) throw new AppError('invalid_input', 'One of the two times is not a real date and time. Please check them.');
        const clockOffsetS = clockOffsetFromReadings({ recorderShows, actualTime, timeZone: input.timeZone });
        answer = { kind: 'offset', clockOffsetS, check: 'measured', note: `Recorder showed ${input.answer.recorderShows} when the time was ${input.answer.actualTime}.` };
      } else if (input.answer.kind === 'offset') {
        answer = { kind: 'offset', clockOffsetS: input.answer.clockOffsetS, check: 'entered' };
      } else {
        answer = { kind: 'skip', reason: input.answer.reason };
      }
      return catalogue.setClock({ sourceId: input.sourceId, timeZone: input.timeZone, answer, actor: ctx.actor });
    },
    'footage.overview': (input) => catalogue.overview(input),
  };
}
