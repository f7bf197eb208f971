/** Every ffmpeg run starts this way: no banner, never read the keyboard, machine-readable progress on stdout. */
export const FFMPEG_PRELUDE = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-progress', 'pipe:1', '-nostats'] as const;

/** Refuse to overwrite: outputs are always new temporary names, so an existing file means a bug, not a retry. */
export const NO_OVERWRITE = '-n';
