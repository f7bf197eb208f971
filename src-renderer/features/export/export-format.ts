/**
 * Pure helpers for the export step: the words for presets, methods and files, the form's options, and the results in
 * short sentences. No DOM and no React, so they are unit-tested in Node.
 */
import type { Enhancement, ExportItemKind, ExportOptions, ExportOutput, ExportPreset, MasterMode } from '../../../src-shared/domain/export';
import { formatBytes } from '../review/review-format';

export const PRESET_TEXTS: Record<ExportPreset, { title: string; explain: string }> = {
  original: { title: 'Original quality', explain: 'The picture as the camera recorded it. Footage a police PC cannot play is converted at the highest quality. Best for the police.' },
  balanced: { title: 'Balanced', explain: 'Footage a police PC can play is kept as it is; the rest is converted into smaller files that still show faces and number plates.' },
  small: { title: 'Small (for email)', explain: 'Much smaller files that are easy to send, but with less detail.' },
};

export const MASTER_MODE_TEXTS: Record<MasterMode, { title: string; explain: string }> = {
  'original-files': {
    title: 'Exact copies of the recorder\u2019s files (recommended)',
    explain: 'Every recording a clip touches, copied byte for byte. The police prefer these as the original evidence.',
  },
  trimmed: {
    title: 'Only the minutes of each clip, repackaged (not byte-identical)',
    explain: 'Smaller, but the files are no longer exactly what the recorder wrote. Choose this only if the police asked for it.',
  },
};

export const KIND_WORDS: Record<ExportItemKind, { one: string; many: string }> = {
  master: { one: 'original recording', many: 'original recordings' },
  working: { one: 'working copy', many: 'working copies' },
  still: { one: 'still picture', many: 'still pictures' },
};

/** For the "Details" panels, which an expert opens: the technical word is fine there. */
export const METHOD_WORDS: Record<ExportOutput['method'], string> = {
  copy: 'Copied byte for byte',
  remux: 'Repackaged without re-encoding (remux)',
  reencode: 'Re-encoded to H.264',
};

/** The sliders under "Make the picture clearer": ffmpeg's own ranges, with the value that leaves the picture as it is. */
export const ENHANCEMENT_SLIDERS = [
  { key: 'brightness', label: 'Brightness', min: -1, max: 1, step: 0.05, neutral: 0, explain: 'Lighter or darker.' },
  { key: 'contrast', label: 'Contrast', min: 0, max: 3, step: 0.05, neutral: 1, explain: 'More or less difference between light and dark.' },
  { key: 'gamma', label: 'Gamma', min: 0.1, max: 3, step: 0.05, neutral: 1, explain: 'Brings out detail in the shadows (higher) or in bright areas (lower).' },
  { key: 'sharpen', label: 'Sharpen', min: 0, max: 2, step: 0.1, neutral: 0, explain: 'Crisper edges. Too much adds noise.' },
  { key: 'denoise', label: 'Reduce grain', min: 0, max: 10, step: 0.5, neutral: 0, explain: 'Smooths grainy night-time pictures. Too much blurs detail.' },
] as const satisfies ReadonlyArray<{ key: keyof Enhancement; label: string; min: number; max: number; step: number; neutral: number; explain: string }>;

export const NEUTRAL_ENHANCEMENT: Enhancement = { brightness: 0, contrast: 1, gamma: 1, sharpen: 0, denoise: 0, deinterlace: false };

export function isNeutralEnhancement(enhancement: Enhancement): boolean {
  return ENHANCEMENT_SLIDERS.every((slider) => enhancement[slider.key] === slider.neutral) && !enhancement.deinterlace;
}

/** What the form holds: the sliders keep their places when "Make the picture clearer" is switched off and on again. */
export interface ExportForm {
  preset: ExportPreset;
  masters: MasterMode;
  caption: boolean;
  enhance: boolean;
  enhancement: Enhancement;
}

export const DEFAULT_EXPORT_FORM: ExportForm = { preset: 'original', masters: 'original-files', caption: false, enhance: false, enhancement: NEUTRAL_ENHANCEMENT };

/** The options to send: an enhancement that changes nothing is left out, so it cannot cause a needless re-encode. */
export function toExportOptions(form: ExportForm): ExportOptions {
  const enhancement = form.enhance && !isNeutralEnhancement(form.enhancement) ? { ...form.enhancement } : null;
  return { preset: form.preset, masters: form.masters, caption: form.caption, enhancement };
}

/** A key for everything but the preset: the three presets' estimates are asked for together and change with this. */
export function estimateKey(options: ExportOptions): string {
  return JSON.stringify([options.masters, options.caption, options.enhancement]);
}

/** "under a minute", "about 4 minutes", "about 1 hour 20 minutes". */
export function formatRoughTime(seconds: number): string {
  if (seconds < 45) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round((minutes % 60) / 10) * 10;
  const hourText = `${hours} hour${hours === 1 ? '' : 's'}`;
  return rest === 0 || rest === 60 ? `about ${rest === 60 ? `${hours + 1} hours` : hourText}` : `about ${hourText} ${rest} minutes`;
}

/** "about 340 MB", or a plain sentence when a size is not known yet. */
export function formatRoughSize(bytes: number | null): string {
  return bytes === null ? 'size not known yet' : `about ${formatBytes(bytes)}`;
}

function counted(count: number, kind: ExportItemKind): string {
  return `${count} ${count === 1 ? KIND_WORDS[kind].one : KIND_WORDS[kind].many}`;
}

/** How many of each kind, and the size in all, counting a file split into parts once. */
export function summariseOutputs(outputs: readonly ExportOutput[]): { counts: Record<ExportItemKind, number>; totalBytes: number; incomplete: number } {
  const counts: Record<ExportItemKind, number> = { master: 0, working: 0, still: 0 };
  let totalBytes = 0;
  let incomplete = 0;
  for (const output of outputs) {
    totalBytes += output.size;
    if (output.part && output.part.index !== 1) continue;
    counts[output.kind] += 1;
    if (output.status === 'incomplete') incomplete += 1;
  }
  return { counts, totalBytes, incomplete };
}

/** "2 original recordings, 1 working copy and 1 still picture: 412 MB in all." */
export function describeOutputs(outputs: readonly ExportOutput[]): string {
  const { counts, totalBytes } = summariseOutputs(outputs);
  const parts = (['master', 'working', 'still'] as const).map((kind) => counted(counts[kind], kind));
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}: ${formatBytes(totalBytes)} in all.`;
}

/** The name of one file's kind: a trimmed master says it is no longer the recorder's own file. */
export function outputKindText(output: Pick<ExportOutput, 'kind' | 'method' | 'part'>): string {
  let text: string;
  if (output.kind === 'master') text = output.method === 'copy' ? 'Original recording (exact copy)' : 'Original recording, trimmed (not byte-identical)';
  else if (output.kind === 'working') text = 'Working copy (plays on any computer)';
  else text = 'Still picture';
  return output.part ? `${text}, part ${output.part.index} of ${output.part.count}` : text;
}

/** The file's name without its folders: "14.00.00-14.05.00[R][0@0][0].dav". */
export function fileName(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('/') + 1);
}

/** Newest first, by when each export was started. */
export function newestFirst<T extends { createdAt: string }>(exports: readonly T[]): T[] {
  return [...exports].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export type ExportRunState = 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * Where the export being shown is: its job's state when the job is known (it is pushed live), else what the stored
 * export says, else "starting" (just asked for; nothing heard yet). Null when there is no export to show.
 */
export function exportRunState(options: {
  current: boolean;
  job: { state: 'queued' | 'running' | 'finalizing' | 'succeeded' | 'failed' | 'cancelled' } | null;
  summary: { state: 'running' | 'succeeded' | 'failed' | 'cancelled' } | null;
}): ExportRunState | null {
  const { job, summary } = options;
  if (!options.current) return null;
  if (job) return job.state === 'queued' || job.state === 'running' || job.state === 'finalizing' ? 'running' : job.state;
  if (summary && summary.state !== 'running') return summary.state;
  return 'starting';
}
