import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from '../../../../src-shared/password/password-strength';
import { generatePassword, MIN_PASSWORD_BITS } from './generate-password';
import { EFF_LARGE_WORDLIST_SIZE, SPOKEN_WORDS, spokenWordsFrom } from './spoken-words';

describe('the word list', () => {
  it('is the EFF large list without the hyphenated words', () => {
    expect(SPOKEN_WORDS).toHaveLength(EFF_LARGE_WORDLIST_SIZE - 4);
    expect(SPOKEN_WORDS.every((word) => /^[a-z]+$/.test(word))).toBe(true);
    expect(SPOKEN_WORDS).not.toContain('t-shirt');
    expect(SPOKEN_WORDS).not.toContain('yo-yo');
    expect(SPOKEN_WORDS).toContain('zoology');
  });

  it('refuses a list that is short, repeated or not words, so a broken install fails loudly', () => {
    const words = [...SPOKEN_WORDS, 'drop-down', 'felt-tip', 't-shirt', 'yo-yo'];
    expect(spokenWordsFrom({ wordlist: words })).toHaveLength(EFF_LARGE_WORDLIST_SIZE - 4);
    expect(() => spokenWordsFrom({ wordlist: words.slice(1) })).toThrow(/damaged/);
    expect(() => spokenWordsFrom({ wordlist: [...words.slice(1), 'zoology'] })).toThrow(/damaged/);
    expect(() => spokenWordsFrom({ wordlist: { words } })).toThrow(/damaged/);
    expect(() => spokenWordsFrom({ wordlist: [...words.slice(1), 7] })).toThrow(/damaged/);
  });
});

describe('generatePassword', () => {
  it('makes 8 lower-case words from the list, joined by hyphens, worth at least 100 bits', () => {
    const { password, bits, words } = generatePassword();
    expect(words).toHaveLength(8);
    expect(words.every((word) => SPOKEN_WORDS.includes(word))).toBe(true);
    expect(password).toBe(words.join('-'));
    expect(password).toMatch(/^[a-z]+(-[a-z]+){7}$/);
    expect(bits).toBeGreaterThanOrEqual(MIN_PASSWORD_BITS);
    expect(bits).toBeCloseTo(8 * Math.log2(7772), 6);
  });

  it('never repeats across 1,000 passwords', () => {
    const passwords = new Set(Array.from({ length: 1000 }, () => generatePassword().password));
    expect(passwords.size).toBe(1000);
  });

  it('is fixed by an injected random source, and covers both ends of the list', () => {
    const picks = [0, SPOKEN_WORDS.length - 1, 1, 2, 3, 4, 5, 6, 7, 8];
    let next = 0;
    const randomInt = (max: number) => {
      expect(max).toBe(SPOKEN_WORDS.length);
      return picks[next++] ?? 0;
    };
    const first = generatePassword({ randomInt, words: 10 });
    expect(first.words).toEqual(picks.map((index) => SPOKEN_WORDS[index]));
    expect(first.words[0]).toBe('abacus');
    expect(first.words[1]).toBe('zoom');
    expect(first.bits).toBeCloseTo(10 * Math.log2(SPOKEN_WORDS.length), 6);
    next = 0;
    expect(generatePassword({ randomInt, words: 10 }).password).toBe(first.password);
  });

  it('refuses fewer than 8 words and a random source that goes out of range', () => {
    expect(() => generatePassword({ words: 7 })).toThrow(RangeError);
    expect(() => generatePassword({ words: 8.5 })).toThrow(RangeError);
    expect(() => generatePassword({ randomInt: (max) => max })).toThrow(RangeError);
    expect(() => generatePassword({ randomInt: () => -1 })).toThrow(RangeError);
    expect(() => generatePassword({ randomInt: () => 0.5 })).toThrow(RangeError);
  });

  it('passes the strength check used for passwords people choose themselves', () => {
    for (let i = 0; i < 3; i += 1) {
      const { password } = generatePassword();
      expect(checkPasswordStrength({ password, contextWords: ["Patel's Corner Shop", 'CR/2026/0412'] }).ok).toBe(true);
    }
  });
});
