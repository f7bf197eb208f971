import type { StepId, StepState } from '../../../src-shared/domain/cases';

export interface StepText {
  title: string;
  /** One line on why the step matters, in plain words. */
  why: string;
  /** What the person does in this step. */
  what: string[];
}

export const STEP_TEXTS: Record<StepId, StepText> = {
  review: {
    title: 'Review footage',
    why: 'The police need the exact moments that show what happened, from every camera that saw it.',
    what: ['Add the folder the recorder saved its recordings to.', 'Find the incident on each camera.', 'Mark clips and note what you see, with the time.'],
  },
  export: {
    title: 'Export',
    why: 'The police need the original recordings, untouched, plus copies that play on any police computer.',
    what: ['Copy the original recordings exactly as the recorder made them.', 'Make copies that play in ordinary video players.', 'Keep still pictures of the key moments.'],
  },
  legal: {
    title: 'Legal basis',
    why: 'Footage shows people, so data-protection law asks you to record why giving it to the police is allowed.',
    what: ['Say which law allows the disclosure (for example UK GDPR and the Data Protection Act 2018).', 'Record who asked for it and why.'],
  },
  notify: {
    title: 'Notify police',
    why: 'The officer needs to know the footage is ready and how to collect it.',
    what: ['Write a short message to the officer or force.', 'Note every call, email or visit.'],
  },
  usb: {
    title: 'Write USB',
    why: 'The footage goes to the police on a USB stick, locked with a password and checked after writing.',
    what: ['Choose the USB stick.', 'Write the evidence and check every file on the stick.', 'Give the password separately, for example by phone.'],
  },
  receipt: {
    title: 'Confirm receipt',
    why: 'A signed receipt proves who took the footage and when.',
    what: ['Print the receipt.', 'Ask the officer to sign it.', 'Record the officer\u2019s name, number and station.'],
  },
  backup: {
    title: 'Back up',
    why: 'Keep your own copy in case the police or a court ask again.',
    what: ['Save a copy by date and incident type.', 'Decide how long to keep it.'],
  },
  outcome: {
    title: 'Review outcome',
    why: 'Recording what happened next helps you and the police next time.',
    what: ['Note the outcome and any feedback.', 'See how long each step took.'],
  },
};

export const STEP_STATE_LABELS: Record<StepState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
};
