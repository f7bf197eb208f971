import { describe, expect, it } from 'vitest';
import { contextDictionary } from './guess-estimator';
import { checkPasswordStrength, MIN_GUESSES_LOG10 } from './password-strength';

// zxcvbn builds its dictionaries once per process, on the first check; every test here shares that.
const SHOP = ["Patel's Corner Shop", 'CR/2026/0412', 'Priya Patel'];
const NEXT_STEP = 'Use the suggested password, or a longer one made of several unrelated words.';

function expectPlainRefusal(password: string, contextWords?: string[]) {
  const result = checkPasswordStrength({ password, ...(contextWords ? { contextWords } : {}) });
  expect(result.ok, password).toBe(false);
  expect(result.score).toBeLessThan(4);
  expect(result.feedback).toContain(NEXT_STEP);
  // Plain words, not zxcvbn's messages for web forms.
  expect(result.feedback).not.toMatch(/commonly used|Add more words|Capitalize|l33t|entropy|zxcvbn/i);
  return result;
}

describe('checkPasswordStrength', () => {
  it('refuses common passwords, the shop name with a year, and seasons with a year, saying why', () => {
    expect(expectPlainRefusal('password1234567890').feedback).toContain('a password that many people use');
    expect(expectPlainRefusal('PatelsCornerShop2026', SHOP).feedback).toContain("the shop's name");
    expect(expectPlainRefusal('Summer2026!').feedback).toMatch(/^This password is too short and too easy to guess\./);
    expect(expectPlainRefusal('P@55w0rd!Summer-2026').feedback).toContain('a password that many people use');
    expect(expectPlainRefusal('qwertyuiopasdfghjkl').feedback).toMatch(/keyboard|many people use/);
    expect(expectPlainRefusal('abcdefghijklmnopqrstu').feedback).toContain('abc or 1234');
  });

  it('refuses any 15-character password, even random-looking ones', () => {
    for (const password of ['x7#Kq9!mZ2$wLp4', 'walnut-geranium', 'corner shop 123']) {
      expect(Array.from(password)).toHaveLength(15);
      const result = expectPlainRefusal(password);
      expect(result.feedback).toMatch(/^This password is too short/);
    }
  });

  it('draws the line for word passphrases at 10^20 guesses: 5 uncommon words pass, fewer or commoner words fail', () => {
    for (const password of ['vortex-unwieldy-quagmire-tweezers-zestfully', 'zoology-yodel-wrath-unlucky-tinfoil']) {
      const result = checkPasswordStrength({ password });
      expect(result.guessesLog10, password).toBeGreaterThanOrEqual(MIN_GUESSES_LOG10);
      expect(result).toMatchObject({ ok: true, score: 4, feedback: 'This password is strong enough.' });
    }
    for (const password of ['apple-table-house-river-green', 'correct-horse-battery-staple']) {
      const result = expectPlainRefusal(password);
      expect(result.guessesLog10, password).toBeLessThan(MIN_GUESSES_LOG10);
      expect(result.feedback).toContain('Everyday words are quick to try one after another');
    }
  });

  it('does not let separators between words inflate the estimate', () => {
    // Four uncommon words are about 10^15.6 possibilities; zxcvbn alone rates some of them far above that when the
    // words are separated, because it reads "-yodel-" as random characters.
    for (const separator of ['-', ' ', '_', '.', '/']) {
      const result = checkPasswordStrength({ password: ['zoology', 'yodel', 'wrath', 'unlucky'].join(separator) });
      expect(result.ok, separator).toBe(false);
      expect(result.guessesLog10).toBeLessThan(18);
    }
  });

  it('counts the shop, case and people against the password', () => {
    const password = 'patelscornershop-priya-cr20260412';
    const alone = checkPasswordStrength({ password });
    const inContext = checkPasswordStrength({ password, contextWords: SHOP });
    expect(alone.ok).toBe(true);
    expect(inContext.ok).toBe(false);
    expect(inContext.guessesLog10).toBeLessThan(alone.guessesLog10 - 5);
    expect(inContext.score).toBeLessThan(alone.score);
    expect(inContext.feedback).toContain("the shop's name, the case reference or a person's name");
  });

  it('asks for a password when the field is empty', () => {
    expect(checkPasswordStrength({ password: '' })).toEqual({
      ok: false,
      guessesLog10: 0,
      score: 0,
      feedback: 'Type a password, or use the suggested one.',
    });
  });
});

describe('contextDictionary', () => {
  it('breaks names and references into the pieces someone might type', () => {
    expect(contextDictionary({ contextWords: ["Patel's Corner Shop", 'CR/2026/0412', 'Al'] })).toEqual([
      "patel's corner shop",
      'patelscornershop',
      'patels',
      'corner',
      'shop',
      'patel',
      'cr/2026/0412',
      'cr20260412',
      '2026',
      '0412',
    ]);
  });
});
