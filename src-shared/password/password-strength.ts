import { estimateGuesses } from './guess-estimator';
import { plainFeedback } from './plain-feedback';

export interface PasswordStrength {
  ok: boolean;
  /** estimated guesses as log10, from zxcvbn */
  guessesLog10: number;
  /** plain words shown under the field: why it is not strong enough and what to do */
  feedback: string;
  /** 0..4 for a meter */
  score: number;
}

/*
 * Why the bar is 10^20 guesses. The bundle is a WinZip AES-256 zip, whose key is PBKDF2-SHA1 with 1,000 iterations,
 * fixed by the format. Each iteration is one HMAC, i.e. 2 SHA-1 compressions, and an attacker only needs the output
 * block that holds the zip's 2-byte password check, so one guess costs about 2,000 SHA-1 compressions. A single
 * graphics card does about 10^10 SHA-1 per second (a top-end one about 5 × 10^10), so 5 × 10^6 to 2.5 × 10^7 guesses
 * per second. 10^20 guesses (≈ 66 bits) then take about 600,000 years on one ordinary card, over 100,000 on a top-end
 * one, and still over 100 years on a thousand of them. Much lower is within reach of a determined attacker: 10^16
 * guesses is about six weeks on a hundred top-end cards.
 *
 * The length rule is belt and braces: zxcvbn already counts short passwords as few guesses, but 16 characters is a
 * floor people can understand and check for themselves.
 */
export const MIN_GUESSES_LOG10 = 20;
export const MIN_PASSWORD_LENGTH = 16;

// The meter is measured against our bar, not zxcvbn's own 0–4 score: zxcvbn gives its top score from 10^10
// guesses, which would show a full meter for passwords we then refuse.
const METER_STEPS_LOG10 = [8, 12, 16, MIN_GUESSES_LOG10];

/**
 * A user's own password is accepted only with zxcvbn guessesLog10 ≥ 20 (≈ 66 bits) AND length ≥ 16, because the zip's
 * key derivation is fast (PBKDF2-SHA1, 1,000 iterations). Context words (shop name, case reference, person) count
 * against it.
 */
export function checkPasswordStrength(options: { password: string; contextWords?: string[] }): PasswordStrength {
  const { password } = options;
  const empty = password === '';
  // zxcvbn is skipped for an empty field: the first check builds its dictionaries, and the form starts empty.
  const { guessesLog10, matches } = empty
    ? { guessesLog10: 0, matches: [] }
    : estimateGuesses({ password, contextWords: options.contextWords ?? [] });
  // Counts characters, not UTF-16 units, so an emoji is not counted twice.
  const longEnough = Array.from(password).length >= MIN_PASSWORD_LENGTH;
  const hardEnoughToGuess = guessesLog10 >= MIN_GUESSES_LOG10;
  const ok = longEnough && hardEnoughToGuess;
  const stepsReached = METER_STEPS_LOG10.filter((step) => guessesLog10 >= step).length;
  return {
    ok,
    guessesLog10,
    score: ok ? 4 : Math.min(stepsReached, 3),
    feedback: plainFeedback({ empty, minLength: MIN_PASSWORD_LENGTH, longEnough, hardEnoughToGuess, matches }),
  };
}
