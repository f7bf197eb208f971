/** The password in words a person can read out, the strength meter's words, the printed slip, and checking a stick again. */
import type { BundleVerification } from '../../../src-shared/domain/bundle';

export interface PasswordCheck {
  ok: boolean;
  guessesLog10: number;
  feedback: string;
  /** 0..4 */
  score: number;
}

export const HAND_OVER_WARNING =
  'Give this to the police separately from the USB stick — by phone or in person. Never write it on the stick or its packaging.';

// A suggested password: lower-case words joined by single hyphens.
const WORDS_PASSWORD = /^[a-z]+(?:-[a-z]+)+$/;
const GROUP_SIZE = 4;

/**
 * The password split up to read out and write down: a suggested one into its words; a person's own into groups of
 * four characters (a space would be invisible, so it is named).
 */
export function passwordParts(password: string): { kind: 'words' | 'groups'; parts: string[] } {
  if (WORDS_PASSWORD.test(password)) return { kind: 'words', parts: password.split('-') };
  const characters = Array.from(password).map((character) => (character === ' ' ? '[space]' : character));
  const parts: string[] = [];
  for (let start = 0; start < characters.length; start += GROUP_SIZE) parts.push(characters.slice(start, start + GROUP_SIZE).join(''));
  return { kind: 'groups', parts };
}

/** How the parts are to be typed, in one sentence. */
export function partsInstruction(kind: 'words' | 'groups', count: number): string {
  return kind === 'words'
    ? `The password is these ${count} words, in this order, in small letters, with a hyphen (-) between them.`
    : 'The password exactly as typed (capital and small letters matter), in groups to read out. Type it without gaps between the groups.';
}

export const STRENGTH_WORDS = ['Very weak', 'Weak', 'Could be guessed', 'Nearly strong enough', 'Strong enough'] as const;

export function strengthWords(score: number): string {
  return STRENGTH_WORDS[Math.min(STRENGTH_WORDS.length - 1, Math.max(0, Math.round(score)))]!;
}

/** Where the person's own password is: only a check of exactly the text now typed counts. */
export function ownPasswordState(text: string, checked: { password: string; result: PasswordCheck } | null): 'empty' | 'checking' | 'weak' | 'ready' {
  if (text === '') return 'empty';
  if (!checked || checked.password !== text) return 'checking';
  return checked.result.ok ? 'ready' : 'weak';
}

export interface SlipContent {
  title: string;
  lines: { label: string; value: string }[];
  instruction: string;
  parts: string[];
  typedInFull: string;
  warning: string;
}

/** What the printed password slip says: the case, the folder on the stick, the password numbered, and the warning. */
export function slipContent(options: { password: string; caseReference: string | null; caseTitle: string; bundleName: string | null; organisation: string | null }): SlipContent {
  const { kind, parts } = passwordParts(options.password);
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  const lines = [
    { label: 'Case reference', value: options.caseReference ? oneLine(options.caseReference) : 'none given yet' },
    { label: 'Case', value: oneLine(options.caseTitle) },
    { label: 'Folder on the USB stick', value: options.bundleName ?? 'the folder whose name starts with HANDOVER_' },
  ];
  if (options.organisation) lines.push({ label: 'From', value: oneLine(options.organisation) });
  return {
    title: 'Password for the evidence on the USB stick',
    lines,
    instruction: partsInstruction(kind, parts.length),
    parts,
    typedInFull: options.password,
    warning: HAND_OVER_WARNING,
  };
}

/** The result of checking a stick again, in one sentence. */
export function verificationSummary(result: Pick<BundleVerification, 'ok' | 'contentsChecked' | 'failing'>): string {
  if (result.ok) {
    return result.contentsChecked
      ? 'Everything on the USB stick matches what was written, including every file inside the locked evidence.'
      : 'The evidence on the USB stick matches what was written. Give the password to check every file inside as well.';
  }
  const count = result.failing.length;
  return `The USB stick does not match what was written: ${count === 1 ? '1 problem was' : `${count} problems were`} found. Do not give this stick to the police; write the evidence again.`;
}
