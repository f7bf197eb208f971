/**
 * Splitting a footage-relative path into the pieces every layout looks at. Pure string work so the
 * parsers can run anywhere (main process, worker, renderer, tests).
 */

/**
 * Longer paths are not real recorder output; refusing them up front also bounds the cost of the
 * layout regexes on hostile input.
 */
export const MAX_REL_PATH_LENGTH = 4096;

export interface RelPathParts {
  /** Folder names from the footage root down to the file's parent; empty when the file is at the root. */
  folders: string[];
  fileName: string;
}

/**
 * Returns null for anything that cannot be a recording inside the footage folder: empty, over-long,
 * a folder (trailing '/'), a path that climbs out with '..', or a hidden file such as a macOS
 * '._clip.mp4' resource fork.
 */
export function splitRelPath(relPath: string): RelPathParts | null {
  if (typeof relPath !== 'string' || relPath.length === 0 || relPath.length > MAX_REL_PATH_LENGTH) return null;
  if (relPath.endsWith('/')) return null;
  // Tolerate './', leading '/' and doubled separators; they do not change which file is meant.
  const segments = relPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return null;
  const fileName = segments.pop();
  if (fileName === undefined || fileName.startsWith('.')) return null;
  return { folders: segments, fileName };
}

export interface FileNameParts {
  stem: string;
  /** Lower-case, without the dot or the partial-file '_'. */
  extension: string;
  /** Dahua appends '_' to the extension while the file is still being written. */
  partial: boolean;
}

export function splitFileName(fileName: string): FileNameParts | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return null;
  const rawExtension = fileName.slice(dot + 1);
  const partial = rawExtension.endsWith('_');
  const extension = (partial ? rawExtension.slice(0, -1) : rawExtension).toLowerCase();
  if (extension === '') return null;
  return { stem: fileName.slice(0, dot), extension, partial };
}

/**
 * The last `count` folders, plus whatever sits above them. Layouts anchored on trailing folders use
 * this so a recorder's tree can sit below an FTP root or a copy folder.
 */
export function takeTrailingFolders(options: { folders: string[]; count: number }): { above: string[]; trailing: string[] } | null {
  const { folders, count } = options;
  if (folders.length < count) return null;
  return { above: folders.slice(0, folders.length - count), trailing: folders.slice(folders.length - count) };
}

/** Makes a camera name usable as one path segment in generated demo footage. */
export function toPathSegment(options: { name: string; fallback: string }): string {
  const { name, fallback } = options;
  const cleaned = name
    // Separators, and characters Windows refuses in a file name, since demo footage is written to disk.
    .replace(/[/\\<>:"|?*]/g, '-')
    // Leading dots would hide the folder; Windows silently drops trailing dots and spaces.
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned === '' ? fallback : cleaned;
}

export function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

export function threeDigits(value: number): string {
  return String(value).padStart(3, '0');
}

export function fourDigits(value: number): string {
  return String(value).padStart(4, '0');
}

export interface CameraIdentity {
  cameraKey: string;
  cameraLabel: string;
}

/**
 * Camera identity for layouts that only number their channels. Channel numbers restart on every
 * recorder, so when the path also names the recorder (a device folder or device name) it becomes
 * part of the key: two recorders' channel 1 must never merge into one camera.
 */
export function channelCamera(options: { channel: number; recorderScope: string[] }): CameraIdentity {
  const channelKey = `ch${twoDigits(options.channel)}`;
  const channelLabel = `Camera ${options.channel}`;
  const recorderName = options.recorderScope.at(-1);
  if (recorderName === undefined) return { cameraKey: channelKey, cameraLabel: channelLabel };
  return { cameraKey: `${options.recorderScope.join('/')}/${channelKey}`, cameraLabel: `${channelLabel} (${recorderName})` };
}
