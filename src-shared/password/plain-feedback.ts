import type { MatchExtended } from '@zxcvbn-ts/core';

const NEXT_STEP = 'Use the suggested password, or a longer one made of several unrelated words.';

// zxcvbn's own warnings are written for web sign-up forms; these say the same things for a shop owner. Checked in
// order, and only the first that applies is shown, so the message stays one short paragraph.
const REASONS: { applies: (match: MatchExtended) => boolean; words: string }[] = [
  {
    applies: (match) => match.dictionaryName === 'userInputs',
    words: "It uses the shop's name, the case reference or a person's name, which anyone holding the USB stick could try.",
  },
  {
    applies: (match) => typeof match.dictionaryName === 'string' && match.dictionaryName.startsWith('passwords'),
    words: 'It is, or contains, a password that many people use.',
  },
  {
    applies: (match) => match.l33t === true,
    words: 'Swapping letters for look-alike numbers or symbols (like 0 for o, or @ for a) does not make it harder to guess.',
  },
  {
    applies: (match) => match.pattern === 'date' || (match.pattern === 'regex' && match.regexName === 'recentYear'),
    words: 'Dates and years are among the first things tried.',
  },
  {
    applies: (match) => match.pattern === 'spatial',
    words: 'Keys that sit next to each other on the keyboard, like qwerty, are easy to guess.',
  },
  {
    applies: (match) => match.pattern === 'sequence',
    words: 'Runs like abc or 1234 are easy to guess.',
  },
  {
    applies: (match) => match.pattern === 'repeat',
    words: 'Repeating letters or words does not make it much harder to guess.',
  },
  // Last, as it fits most weak passwords. Not "names": most everyday words are also someone's surname.
  {
    applies: (match) => match.pattern === 'dictionary',
    words: 'Everyday words are quick to try one after another, so it needs more of them, or less common ones.',
  },
];

/** The sentence shown under the password field. */
export function plainFeedback(options: {
  empty: boolean;
  minLength: number;
  longEnough: boolean;
  hardEnoughToGuess: boolean;
  matches: readonly MatchExtended[];
}): string {
  if (options.empty) return 'Type a password, or use the suggested one.';
  if (options.longEnough && options.hardEnoughToGuess) return 'This password is strong enough.';
  if (options.hardEnoughToGuess) return `This password is too short: it needs at least ${options.minLength} characters. ${NEXT_STEP}`;
  const reason = REASONS.find((candidate) => options.matches.some(candidate.applies))?.words;
  const opening = options.longEnough ? 'This password is too easy to guess.' : 'This password is too short and too easy to guess.';
  return [opening, reason, NEXT_STEP].filter((part) => part !== undefined).join(' ');
}
