export const HAND_OVER_WARNING =
  'Give this to the police separately from the USB stick — by phone or in person. ' +
  'Never write it on the stick or its packaging.';

// A generated password: lower-case words joined by single hyphens.
const WORDS_PASSWORD = /^[a-z]+(?:-[a-z]+)+$/;
// Short enough to read out and tick off one group at a time.
const GROUP_SIZE = 4;

/**
 * Plain text for the printed password slip: bundle name, case reference, the password in groups (words on separate
 * numbered lines), and the warning "Give this to the police separately from the USB stick — by phone or in person.
 * Never write it on the stick or its packaging."
 */
export function passwordSlipText(options: {
  password: string;
  bundleName: string;
  caseReference: string | null;
  organisation: string;
}): string {
  const caseReference = oneLine(options.caseReference ?? '');
  const lines = [
    'Evidence password',
    '',
    `From: ${oneLine(options.organisation)}`,
    `Bundle: ${oneLine(options.bundleName)}`,
    `Case reference: ${caseReference === '' ? 'none given' : caseReference}`,
    '',
    ...passwordLines(options.password),
    '',
    HAND_OVER_WARNING,
  ];
  return `${lines.join('\n')}\n`;
}

function passwordLines(password: string): string[] {
  if (WORDS_PASSWORD.test(password)) {
    const words = password.split('-');
    return [
      `The password is these ${words.length} words, in this order, in small letters, with a hyphen (-) between them:`,
      '',
      ...numbered(words),
      '',
      'Typed in full:',
      `  ${password}`,
    ];
  }
  // A password the shop chose itself can contain anything, so show it exactly and also in short groups; a space
  // would be invisible on paper, so the groups name it.
  const groups = chunk(Array.from(password), GROUP_SIZE).map((group) =>
    group.map((character) => (character === ' ' ? '[space]' : character)).join(''),
  );
  return [
    'The password, exactly as typed (capital and small letters matter):',
    `  ${password}`,
    '',
    `The same password in groups of ${GROUP_SIZE} characters, to read out. Type it without gaps between the groups:`,
    '',
    ...numbered(groups),
  ];
}

function numbered(items: string[]): string[] {
  const width = String(items.length).length;
  return items.map((item, index) => `  ${String(index + 1).padStart(width, ' ')}. ${item}`);
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

// A name typed with a line break would push the rest of the slip out of place.
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
