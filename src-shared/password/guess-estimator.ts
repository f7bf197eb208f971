import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';

export interface GuessEstimate {
  /** log10 of the number of guesses a smart attacker would need, as zxcvbn estimates it. */
  guessesLog10: number;
  /** The pieces zxcvbn split the password into; used to explain in plain words what made it weak. */
  matches: MatchExtended[];
}

// Building the ranked dictionaries takes most of a second, so it happens on the first check, not when the module
// loads (main imports this at start-up but only needs it when a bundle is written).
let estimator: ZxcvbnFactory | undefined;

function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    // The common list includes the EFF diceware words, so word-list passphrases are judged by their real odds.
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
    // zxcvbn tries up to 100 look-alike spellings (p@ssw0rd) per password by default, which takes seconds on long
    // passwords with digits and symbols and would freeze the window while typing. 20 gave the same estimates on every
    // look-alike password we tried, at a third of the time.
    l33tMaxSubstitutions: 20,
  });
  return estimator;
}

// The characters zxcvbn itself treats as word separators.
const SEPARATORS = /[ ,;:|/\\_.-]/g;
// Someone guessing word passwords tries each of those separators: at most ten times the work.
const SEPARATOR_GUESSES_LOG10 = Math.log10(10);

/**
 * zxcvbn's estimate, with the context words (shop name, case reference, people) treated as already known.
 *
 * zxcvbn badly overrates words joined by separators: it reads "-horse-" as random characters, so 4 random diceware
 * words (10^15.6 possibilities) score about 10^17 to 10^24 and half of them would clear our bar. The same words run
 * together score about what they are worth, so the estimate is the lower of the password as typed and the password
 * with its separators taken out (plus the choice of separator).
 */
export function estimateGuesses(options: { password: string; contextWords?: readonly string[] }): GuessEstimate {
  const userInputs = contextDictionary({ contextWords: options.contextWords ?? [] });
  const asTyped = check({ password: options.password, userInputs });
  const joined = options.password.replace(SEPARATORS, '');
  if (joined === options.password || joined === '') return asTyped;
  const withoutSeparators = check({ password: joined, userInputs });
  const joinedLog10 = withoutSeparators.guessesLog10 + SEPARATOR_GUESSES_LOG10;
  return joinedLog10 < asTyped.guessesLog10 ? { ...withoutSeparators, guessesLog10: joinedLog10 } : asTyped;
}

function check(options: { password: string; userInputs: string[] }): GuessEstimate {
  const result = getEstimator().check(options.password, options.userInputs);
  return { guessesLog10: result.guessesLog10, matches: result.sequence };
}

// Shorter pieces (like "CR" or "12") would match by chance inside unrelated passwords and blame the wrong thing.
const MIN_PIECE_LENGTH = 3;

/**
 * zxcvbn only spots a context word when the password contains it whole, so "Patel's Corner Shop" also becomes
 * "patelscornershop", "patels", "patel", "corner" and "shop", and "CR/2026/0412" gives "cr20260412", "2026" and "0412".
 */
export function contextDictionary(options: { contextWords: readonly string[] }): string[] {
  const pieces = new Set<string>();
  const add = (piece: string) => {
    if (Array.from(piece).length >= MIN_PIECE_LENGTH) pieces.add(piece);
  };
  for (const text of options.contextWords) {
    const lower = text.toLowerCase().trim();
    add(lower);
    add(lower.replace(/[^\p{L}\p{N}]+/gu, ''));
    for (const word of lower.split(/\s+/)) add(word.replace(/[^\p{L}\p{N}]+/gu, ''));
    for (const word of lower.split(/[^\p{L}\p{N}]+/u)) add(word);
  }
  return [...pieces];
}
