/**
 * Names that FAT32, exFAT and NTFS (and so Windows, the police's most likely computer) all accept. The rules are
 * Windows' own: it refuses these characters and reserved device names on any file system, and FAT drivers on Linux
 * and macOS refuse or mangle the same ones.
 */

// Longest suffixes the writer adds to a name while it works: "<bundle>.failed-YYYYMMDD-HHMMSS" and ".<file>.partial".
export const BUNDLE_NAME_SUFFIX_CHARS = '.failed-20260101-000000'.length;
export const FILE_NAME_EXTRA_CHARS = '..partial'.length;

/** FAT's long-name entries hold 255 UTF-16 units; exFAT and NTFS have the same limit. */
const MAX_COMPONENT_UNITS = 255;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;
// Windows 10+ also reserves COM and LPT with superscript digits, and COM0/LPT0.
const RESERVED = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

/** What is wrong with one name (a file or folder, not a path), in plain words; null when it is fine. */
export function nameProblem(options: { name: string; extraChars?: number }): string | null {
  const { name } = options;
  if (name === '' || name === '.' || name === '..') return `"${name}" is not a usable name.`;
  const bad = FORBIDDEN.exec(name);
  if (bad) {
    const shown = bad[0].charCodeAt(0) < 0x20 ? 'an invisible control character' : `the character ${bad[0]}`;
    return `"${printable(name)}" contains ${shown}, which USB sticks and Windows do not allow in names.`;
  }
  if (/[. ]$/.test(name)) return `"${name}" ends with a dot or a space, which Windows does not allow.`;
  // Windows ignores everything from the first dot, and trailing spaces, when it looks for device names: "NUL .txt".
  const base = name.split('.')[0]!.replace(/ +$/, '');
  if (RESERVED.test(base)) return `"${name}" is a name Windows keeps for devices (like ${base.toUpperCase()}), so it cannot be used.`;
  if (name.length + (options.extraChars ?? 0) > MAX_COMPONENT_UNITS) return `"${name.slice(0, 40)}…" is too long a name for a USB stick.`;
  return null;
}

function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- shown, not matched
  return name.replace(/[\u0000-\u001f]/g, '?');
}

/**
 * Every problem with a bundle's names: the folder, each '/'-separated part of each file's name, and names that
 * differ only in upper/lower case (one file on FAT, exFAT, NTFS and macOS's default, so one would replace another).
 */
export function bundleNameProblems(options: { bundleName: string; files: string[] }): string[] {
  const problems: string[] = [];
  const folder = nameProblem({ name: options.bundleName, extraChars: BUNDLE_NAME_SUFFIX_CHARS });
  if (folder) problems.push(folder);
  const seen = new Map<string, string>();
  for (const file of options.files) {
    const parts = file.split('/');
    for (const [index, part] of parts.entries()) {
      const problem = nameProblem({ name: part, extraChars: index === parts.length - 1 ? FILE_NAME_EXTRA_CHARS : 0 });
      if (problem) problems.push(problem);
    }
    const folded = foldName(file);
    const earlier = seen.get(folded);
    if (earlier !== undefined) problems.push(`"${earlier}" and "${file}" count as the same name on a USB stick.`);
    else seen.set(folded, file);
  }
  return problems;
}

/** The form two names share when a case-insensitive, normalisation-insensitive file system sees them as one. */
export function foldName(name: string): string {
  return name.normalize('NFC').toUpperCase();
}
