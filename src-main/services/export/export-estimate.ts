/**
 * The estimate shown before an export, item by item, and the same costs as the weights of the export's progress bar.
 */
import fs from 'node:fs';
import type { ExportEstimate, ExportEstimateItem, ExportOptions } from '../../../src-shared/domain/export';
import type { Logger } from '../logger';
import type { ProbeResult } from '../media/probe';
import type { ProbeCache } from '../playback/probe-cache';
import { COPY_BYTES_PER_S, coveredBytes, predictWorkingCopy, STILL_OVERHEAD_S, workingCopyCost, type WorkingCopyPrediction } from './export-costs';
import type { ExportPlan } from './export-plan';
import { readableTime } from './file-names';

export const NO_CLIPS_WARNING = 'There are no clips yet. Mark at least one clip in step 1.';
export const UNKNOWN_SIZES_WARNING =
  'Some recordings have not been checked yet, so their sizes are not known. The estimate will be complete once Handover has checked the footage files.';

/** An estimate item, with how long each part of it takes, for the progress bar's weights. */
export interface CostedItem extends ExportEstimateItem {
  /** For working copies: seconds of ffmpeg, then of reading the result back to fingerprint it. */
  encodeSeconds: number;
  hashSeconds: number;
}

export interface CostedExport {
  masters: CostedItem[];
  working: CostedItem[];
  stills: CostedItem[];
  /** Per clip, in plan order: how its working copy will be made (null when it covers no recording). */
  predictions: (WorkingCopyPrediction | null)[];
  warnings: string[];
}

/**
 * ffprobe of each clip's first recording, which decides remux or re-encode (a camera records in one format, so the
 * first file speaks for the rest). Probes go through the cache, keyed by path, size and modification time.
 */
export async function probeClipSources(options: { plan: ExportPlan; probeCache: ProbeCache; logger: Logger }): Promise<(ProbeResult | null)[]> {
  return Promise.all(
    options.plan.clips.map(async (planned) => {
      const first = planned.inputs[0]?.recording ?? planned.recordings[0];
      if (!first) return null;
      try {
        const stat = await fs.promises.stat(first.absPath);
        return await options.probeCache.probe({
          file: { absPath: first.absPath, size: stat.size, mtimeMs: stat.mtimeMs },
          failureMessage: `Could not read ${first.relPath}.`,
        });
      } catch (error) {
        // Not fatal here: the export itself says what is wrong with the file, in context.
        options.logger.warn('export: could not probe a clip source', { file: first.absPath, error: String(error) });
        return null;
      }
    }),
  );
}

export function costExport(options: { plan: ExportPlan; probes: readonly (ProbeResult | null)[]; exportOptions: ExportOptions; encoder: string }): CostedExport {
  const { plan, exportOptions } = options;
  const warnings: string[] = [];
  let unknownSizes = false;
  const copySeconds = (bytes: number | null) => (bytes ?? 0) / COPY_BYTES_PER_S;

  const masters = plan.masters.map((master): CostedItem => {
    const { recording } = master;
    if (recording.size === null) unknownSizes = true;
    if (!master.trim) {
      return {
        kind: 'master',
        description: `${master.cameraLabel}: ${recording.relPath}`,
        method: 'copy',
        reason: '',
        estimatedBytes: recording.size,
        estimatedSeconds: copySeconds(recording.size),
        encodeSeconds: copySeconds(recording.size),
        hashSeconds: 0,
      };
    }
    const clip = plan.clips.find((planned) => planned.clip.id === master.trim!.clipId)!.clip;
    const bytes = coveredBytes({ recordings: [recording], startMs: clip.startMs, endMs: clip.endMs });
    return {
      kind: 'master',
      description: `${master.cameraLabel}: ${recording.relPath} (trimmed)`,
      method: 'remux',
      reason: 'Trimmed to the clip by copying the video as it is into a new file: not byte-identical to the recording.',
      estimatedBytes: bytes,
      estimatedSeconds: copySeconds(bytes),
      encodeSeconds: copySeconds(bytes),
      hashSeconds: 0,
    };
  });

  const predictions: (WorkingCopyPrediction | null)[] = [];
  const working = plan.clips.map((planned, index): CostedItem => {
    const { clip } = planned;
    if (planned.inputs.length === 0) {
      predictions.push(null);
      warnings.push(`${planned.description}: there are no recordings in this clip, so it gives no working copy.`);
      return { kind: 'working', description: planned.description, method: 'remux', reason: '', estimatedBytes: 0, estimatedSeconds: 0, encodeSeconds: 0, hashSeconds: 0 };
    }
    const first = planned.inputs[0]!.recording;
    const prediction = predictWorkingCopy({ probe: options.probes[index] ?? null, fileName: first.relPath.slice(first.relPath.lastIndexOf('/') + 1), exportOptions });
    predictions.push(prediction);
    const sourceBytes = coveredBytes({ recordings: planned.recordings, startMs: clip.startMs, endMs: clip.endMs });
    if (sourceBytes === null) unknownSizes = true;
    const cost = workingCopyCost({ prediction, preset: exportOptions.preset, durationS: (clip.endMs - clip.startMs) / 1000, sourceBytes, encoder: options.encoder });
    return {
      kind: 'working',
      description: planned.description,
      method: prediction.method,
      reason: prediction.reason,
      estimatedBytes: cost.bytes,
      estimatedSeconds: cost.encodeSeconds + cost.hashSeconds,
      encodeSeconds: cost.encodeSeconds,
      hashSeconds: cost.hashSeconds,
    };
  });

  const stills = plan.stills.map(
    ({ still, timeZone }): CostedItem => ({
      kind: 'still',
      description: `${still.cameraLabel}, still at ${readableTime({ instantMs: still.frameMs, timeZone })}`,
      method: 'copy',
      reason: '',
      estimatedBytes: still.bytes,
      estimatedSeconds: copySeconds(still.bytes) + STILL_OVERHEAD_S,
      encodeSeconds: copySeconds(still.bytes) + STILL_OVERHEAD_S,
      hashSeconds: 0,
    }),
  );

  if (plan.clips.length === 0) warnings.unshift(NO_CLIPS_WARNING);
  if (unknownSizes) warnings.push(UNKNOWN_SIZES_WARNING);
  return { masters, working, stills, predictions, warnings };
}

/** The estimate as the contract has it: items, totals (bytes null while any is unknown) and warnings. */
export function toEstimate(options: { costed: CostedExport; encoder: string }): ExportEstimate {
  const { costed } = options;
  const items = [...costed.masters, ...costed.working, ...costed.stills].map(
    ({ kind, description, method, reason, estimatedBytes, estimatedSeconds }): ExportEstimateItem => ({
      kind,
      description,
      method,
      reason,
      estimatedBytes: estimatedBytes === null ? null : Math.round(estimatedBytes),
      estimatedSeconds: Math.round(estimatedSeconds * 10) / 10,
    }),
  );
  const totalBytes = items.some((item) => item.estimatedBytes === null) ? null : items.reduce((sum, item) => sum + item.estimatedBytes!, 0);
  const estimatedSeconds = Math.ceil(items.reduce((sum, item) => sum + item.estimatedSeconds, 0));
  return { items, totalBytes, estimatedSeconds, encoder: options.encoder, warnings: costed.warnings };
}
