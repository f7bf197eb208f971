import { randomInt as cryptoRandomInt } from 'node:crypto';
import { SPOKEN_WORDS } from './spoken-words';

export const DEFAULT_PASSWORD_WORDS = 8;
// The zip's key derivation (PBKDF2-SHA1, 1,000 iterations) is fixed by the WinZip AES format and fast to attack, so
// the strength has to come from the password itself.
export const MIN_PASSWORD_BITS = 100;

export interface GeneratedPassword {
  /** Lower-case words joined by '-', e.g. "walnut-geranium-…". */
  password: string;
  /** Strength against someone who knows exactly how it was made: log2(number of words in the list) × words. */
  bits: number;
  words: string[];
}

/**
 * 8 words from the EFF large wordlist, chosen independently with crypto.randomInt (≈103 bits), lower case, joined by
 * '-'. Easy to read over the phone.
 *
 * `randomInt(max)` must return a whole number from 0 to max − 1; tests inject one to get a fixed password.
 */
export function generatePassword(
  options: { words?: number; randomInt?: (max: number) => number } = {},
): GeneratedPassword {
  const requested = options.words ?? DEFAULT_PASSWORD_WORDS;
  if (!Number.isInteger(requested) || requested < DEFAULT_PASSWORD_WORDS) {
    throw new RangeError(`A password needs a whole number of words, at least ${DEFAULT_PASSWORD_WORDS}; got ${requested}.`);
  }
  const randomInt = options.randomInt ?? ((max: number) => cryptoRandomInt(max));
  const listSize = SPOKEN_WORDS.length;
  const bitsPerWord = Math.log2(listSize);
  // Only matters if the list ever shrinks: 8 words from 7,772 give 103 bits.
  const count = Math.max(requested, Math.ceil(MIN_PASSWORD_BITS / bitsPerWord));

  const words: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const index = randomInt(listSize);
    const word = Number.isInteger(index) ? SPOKEN_WORDS[index] : undefined;
    if (word === undefined) {
      throw new RangeError(`randomInt(${listSize}) returned ${index}, which is not a whole number from 0 to ${listSize - 1}.`);
    }
    words.push(word);
  }
  return { password: words.join('-'), bits: bitsPerWord * count, words };
}
