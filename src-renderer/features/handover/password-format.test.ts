import { describe, expect, it } from 'vitest';
import { HAND_OVER_WARNING, ownPasswordState, partsInstruction, passwordParts, slipContent, strengthWords, verificationSummary } from './password-format';

const SUGGESTED = 'walnut-geranium-oxford-bakery-tulip-sprint-ladle-humid';

describe('the password in parts', () => {
  it('splits suggested words on the hyphens', () => {
    expect(passwordParts(SUGGESTED)).toEqual({ kind: 'words', parts: ['walnut', 'geranium', 'oxford', 'bakery', 'tulip', 'sprint', 'ladle', 'humid'] });
    expect(partsInstruction('words', 8)).toBe('The password is these 8 words, in this order, in small letters, with a hyphen (-) between them.');
  });

  it('splits a person\u2019s own password into groups of four, naming spaces', () => {
    expect(passwordParts('Purple otter 7!')).toEqual({ kind: 'groups', parts: ['Purp', 'le[space]o', 'tter', '[space]7!'] });
    // Capitals or a trailing hyphen mean it was not one of ours.
    expect(passwordParts('Walnut-geranium').kind).toBe('groups');
    expect(passwordParts('walnut-').kind).toBe('groups');
    expect(passwordParts('').parts).toEqual([]);
  });
});

describe('the strength of the person\u2019s own password', () => {
  const result = (ok: boolean) => ({ ok, guessesLog10: ok ? 22 : 9, feedback: ok ? '' : 'Add more words.', score: ok ? 4 : 1 });

  it('counts only a check of exactly what is typed now', () => {
    expect(ownPasswordState('', null)).toBe('empty');
    expect(ownPasswordState('abc', null)).toBe('checking');
    expect(ownPasswordState('abcd', { password: 'abc', result: result(true) })).toBe('checking');
    expect(ownPasswordState('abc', { password: 'abc', result: result(false) })).toBe('weak');
    expect(ownPasswordState('abc', { password: 'abc', result: result(true) })).toBe('ready');
  });

  it('names each step of the meter', () => {
    expect(strengthWords(0)).toBe('Very weak');
    expect(strengthWords(4)).toBe('Strong enough');
    expect(strengthWords(9)).toBe('Strong enough');
    expect(strengthWords(-1)).toBe('Very weak');
  });
});

describe('the printed slip', () => {
  it('has the case, the folder, the words numbered and the warning', () => {
    const slip = slipContent({ password: SUGGESTED, caseReference: '44/12345/26', caseTitle: 'Theft at\ntill 2', bundleName: 'HANDOVER_44-12345-26_20260320-1005', organisation: 'Corner Shop Ltd' });
    expect(slip.lines).toEqual([
      { label: 'Case reference', value: '44/12345/26' },
      { label: 'Case', value: 'Theft at till 2' },
      { label: 'Folder on the USB stick', value: 'HANDOVER_44-12345-26_20260320-1005' },
      { label: 'From', value: 'Corner Shop Ltd' },
    ]);
    expect(slip.parts).toHaveLength(8);
    expect(slip.typedInFull).toBe(SUGGESTED);
    expect(slip.warning).toBe(HAND_OVER_WARNING);
    expect(slip.warning).toBe('Give this to the police separately from the USB stick — by phone or in person. Never write it on the stick or its packaging.');
  });

  it('says so when there is no reference or folder yet', () => {
    const slip = slipContent({ password: 'x', caseReference: null, caseTitle: 'T', bundleName: null, organisation: null });
    expect(slip.lines.map((line) => line.value)).toEqual(['none given yet', 'T', 'the folder whose name starts with HANDOVER_']);
  });
});

describe('checking a stick again', () => {
  it('says whether it matches, and whether the files inside were checked too', () => {
    expect(verificationSummary({ ok: true, contentsChecked: true, failing: [] })).toContain('including every file inside');
    expect(verificationSummary({ ok: true, contentsChecked: false, failing: [] })).toContain('Give the password');
    expect(verificationSummary({ ok: false, contentsChecked: false, failing: ['evidence.zip'] })).toContain('1 problem was found');
    expect(verificationSummary({ ok: false, contentsChecked: true, failing: ['a', 'b'] })).toContain('2 problems were found');
  });
});
