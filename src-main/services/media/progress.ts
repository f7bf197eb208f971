export interface FfmpegProgress {
  /** Output position in seconds, or null before ffmpeg knows it (it prints "N/A" at first). */
  outTimeS: number | null;
  /** Speed relative to real time (2.5 means 2.5× faster than playback), or null when unknown. */
  speed: number | null;
  frame: number | null;
  totalSizeBytes: number | null;
  /** True on the block ffmpeg writes as it ends ("progress=end"). */
  ended: boolean;
}

function parseOutTime(fields: Map<string, string>): number | null {
  // out_time_us is microseconds; out_time_ms is also microseconds (a long-standing ffmpeg misnomer).
  for (const key of ['out_time_us', 'out_time_ms']) {
    const raw = fields.get(key);
    if (raw !== undefined && /^-?\d+$/.test(raw)) {
      const value = Number(raw) / 1_000_000;
      return value >= 0 ? value : null;
    }
  }
  const clock = fields.get('out_time');
  const match = clock ? /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(clock) : null;
  if (match && !match[1]) return Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return null;
}

function parseNumber(raw: string | undefined, suffix = ''): number | null {
  if (raw === undefined) return null;
  const trimmed = suffix && raw.endsWith(suffix) ? raw.slice(0, -suffix.length) : raw;
  const value = Number(trimmed.trim());
  return trimmed.trim() !== '' && Number.isFinite(value) ? value : null;
}

/** Turns one `key=value` block from `-progress pipe:1` (ending in a `progress=` line) into numbers. */
export function parseProgressBlock(lines: readonly string[]): FfmpegProgress {
  const fields = new Map<string, string>();
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return {
    outTimeS: parseOutTime(fields),
    speed: parseNumber(fields.get('speed'), 'x'),
    frame: parseNumber(fields.get('frame')),
    totalSizeBytes: parseNumber(fields.get('total_size')),
    ended: fields.get('progress') === 'end',
  };
}

/** Splits the stdout stream into blocks; feed it chunks as they arrive. */
export function createProgressReader(onProgress: (progress: FfmpegProgress) => void): { push(chunk: string): void } {
  let buffered = '';
  let block: string[] = [];
  return {
    push(chunk) {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).replace(/\r$/, '');
        buffered = buffered.slice(newline + 1);
        block.push(line);
        if (line.startsWith('progress=')) {
          onProgress(parseProgressBlock(block));
          block = [];
        }
        newline = buffered.indexOf('\n');
      }
    },
  };
}
