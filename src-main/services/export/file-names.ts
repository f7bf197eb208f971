/**
 * Names for files in an export folder. The folder is copied to whatever USB stick the shop has, usually FAT32 or
 * exFAT, and opened on a police Windows PC, so every name must be legal there whatever this computer allows.
 */
import { wallClockAt } from '../../../src-shared/domain/time';

/** Windows refuses these as names (with any extension), on every file system. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Long enough for a camera label or a recorder's file name, short enough that the deepest path in an export stays
 * well inside Windows' 260-character limit on a stick's root.
 */
export const MAX_NAME_LENGTH = 100;

/**
 * One path component that FAT32, exFAT, NTFS and Windows accept: no `<>:"/\|?*` or control characters, no trailing
 * dot or space (Windows drops them silently, so two names could become one), no reserved device names.
 */
export function safeFileName(options: { name: string; fallback: string }): string {
  let name = options.name
    .normalize('NFC')
    // Control characters are exactly what must go: they are illegal in Windows names.
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  if (name.length > MAX_NAME_LENGTH) {
    // Keep the extension: it says what opens the file.
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - ext.length).trimEnd() + ext;
  }
  name = name.replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) name = options.fallback;
  if (RESERVED.test(name)) name = `_${name}`;
  return name;
}

/**
 * Hands out names no other file in the same folder has, comparing without case because FAT and NTFS do: the second
 * "14.00.00-14.05.00.dav" (the same name on another day) becomes "14.00.00-14.05.00 (2).dav".
 */
export function createNameAllocator(): { take(options: { folder: string; name: string }): string } {
  const taken = new Set<string>();
  return {
    take({ folder, name }) {
      const dot = name.lastIndexOf('.');
      const stem = dot > 0 ? name.slice(0, dot) : name;
      const ext = dot > 0 ? name.slice(dot) : '';
      for (let n = 1; ; n += 1) {
        const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
        const key = `${folder}/${candidate}`.toLowerCase();
        if (!taken.has(key)) {
          taken.add(key);
          return candidate;
        }
      }
    },
  };
}

/** "01", "02", … wide enough for `count`, so the names sort in order in any file browser. */
export function sequenceNumber(options: { index: number; count: number }): string {
  return String(options.index + 1).padStart(Math.max(2, String(options.count).length), '0');
}

/** "140150": the wall-clock time in the footage's zone, as the recorder and the person saw it; no colons (FAT). */
export function compactTime(options: { instantMs: number; timeZone: string }): string {
  const wall = wallClockAt(options);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(wall.hour)}${p(wall.minute)}${p(wall.second)}`;
}

/** "14:01:50", for descriptions meant to be read. */
export function readableTime(options: { instantMs: number; timeZone: string }): string {
  const wall = wallClockAt(options);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(wall.hour)}:${p(wall.minute)}:${p(wall.second)}`;
}
