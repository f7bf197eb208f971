import path from 'node:path';

/**
 * Recordings are indexed by '/'-separated paths relative to the footage folder ('' is the folder itself), the same on
 * every OS; these turn them into parents, children and real paths.
 */
export function joinRelPath(dirRel: string, name: string): string {
  return dirRel === '' ? name : `${dirRel}/${name}`;
}

export function parentOfRelPath(relPath: string): string {
  const slash = relPath.lastIndexOf('/');
  return slash < 0 ? '' : relPath.slice(0, slash);
}

export function absoluteFromRelPath(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}

/** Plain words for why a file, folder or link could not be read; the scan lists these as reasons. */
export function describeFsError(error: unknown, what: 'file' | 'folder' | 'link'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const verb = what === 'file' ? 'read' : 'open';
  if (code === 'EACCES' || code === 'EPERM') return `Could not ${verb} this ${what}: permission denied.`;
  if (code === 'ENOENT') {
    if (what === 'link') return 'This link points to something that does not exist.';
    return what === 'file' ? 'This file disappeared during the scan (the recorder may have overwritten it).' : 'This folder disappeared during the scan.';
  }
  if (code === 'ELOOP') return 'This link goes round in a loop.';
  if (code === 'EIO') return `Could not read this ${what}: the drive reported a read error.`;
  return `Could not read this ${what} (${code ?? 'unknown error'}).`;
}
