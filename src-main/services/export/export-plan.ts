/**
 * What an export will write, worked out from the case's clips and stills and the catalogue before anything is
 * copied: which recordings each clip needs, the masters (each recording once however many clips need it), the
 * working copies and the stills, each with its name in the export folder. Pure apart from reading the catalogue.
 */
import path from 'node:path';
import type { MasterMode } from '../../../src-shared/domain/export';
import type { CameraRef, Clip, ReviewState, Still } from '../../../src-shared/domain/review';
import { TRIMMED_MUXERS } from '../../../src-shared/ffmpeg-args/trimmed-master';
import type { CameraTimeline } from '../catalogue/camera-timelines';
import { absoluteFromRelPath } from '../catalogue/rel-path';
import { stillPath } from '../review/review-context';
import type { WorkingCopyInput } from './working-copy';
import { compactTime, createNameAllocator, readableTime, safeFileName, sequenceNumber } from './file-names';

/** A recording file as the catalogue knows it. `size` is what the background check saw (null until it has). */
export interface PlannedRecording {
  sourceId: string;
  cameraKey: string;
  relPath: string;
  absPath: string;
  size: number | null;
  trueStartMs: number;
  trueEndMs: number;
}

export interface PlannedClip {
  clip: Clip;
  timeZone: string;
  /** Every recording of the clip's camera overlapping [startMs, endMs), by start: all of them become masters. */
  recordings: PlannedRecording[];
  /** What the working copy is made from: the same recordings less any time an earlier one already covers. */
  inputs: { recording: PlannedRecording; input: WorkingCopyInput }[];
  /** Relative to the export folder, '/'-separated. */
  workingPath: string;
  /** "Till, 14:01:50 to 14:03:20", with the clip's label when it has one. */
  description: string;
}

export interface PlannedMaster {
  recording: PlannedRecording;
  cameraLabel: string;
  path: string;
  /** Clips that need this recording (several clips often share one file). */
  clipIds: string[];
  /** For 'trimmed' masters: the part of the file the clip covers, in seconds into it; null copies the whole file. */
  trim: { clipId: string; inpointS: number; outpointS: number | null } | null;
}

export interface PlannedStill {
  still: Still;
  /** The PNG step 1 saved in the case folder. */
  sourceFile: string;
  path: string;
  timeZone: string;
}

export interface ExportPlan {
  clips: PlannedClip[];
  masters: PlannedMaster[];
  stills: PlannedStill[];
}

/** A camera's timeline and its footage folder's root and zone; null when a rescan no longer finds the camera. */
export type CameraLookup = (camera: CameraRef) => { timeline: CameraTimeline; rootPath: string; timeZone: string } | null;

/**
 * The recordings overlapping [startMs, endMs), by start. A plain pass over the typed arrays: ends are not sorted
 * (recordings may overlap), and even 100,000 recordings take well under a millisecond.
 */
export function overlappingRecordings(options: { timeline: CameraTimeline; rootPath: string; sourceId: string; startMs: number; endMs: number }): PlannedRecording[] {
  const { timeline, startMs, endMs } = options;
  const found: PlannedRecording[] = [];
  for (let i = 0; i < timeline.starts.length; i += 1) {
    const start = timeline.starts[i]!;
    if (start >= endMs) break;
    const end = timeline.ends[i]!;
    // A recording with no length counts when its instant is inside the clip.
    const overlaps = end > start ? end > startMs : start >= startMs;
    if (!overlaps) continue;
    const row = timeline.rows[i]!;
    found.push({
      sourceId: options.sourceId,
      cameraKey: timeline.cameraKey,
      relPath: row.rel_path,
      absPath: absoluteFromRelPath(options.rootPath, row.rel_path),
      size: row.size,
      trueStartMs: start,
      trueEndMs: end,
    });
  }
  return found;
}

/**
 * The working copy's inputs: each recording from where the clip (or the footage already taken) starts in it, to where
 * the clip ends in it. A recording whose time an earlier one already covers is left out, and one that overlaps it
 * starts where the earlier one ends: recorders sometimes write the same minutes twice, and a working copy that showed
 * them twice would look as if time went backwards.
 */
export function workingCopyInputs(options: { recordings: readonly PlannedRecording[]; startMs: number; endMs: number }): PlannedClip['inputs'] {
  const inputs: PlannedClip['inputs'] = [];
  let coveredUntil = options.startMs;
  for (const recording of options.recordings) {
    if (recording.trueEndMs <= coveredUntil) continue;
    const fromMs = Math.max(coveredUntil, recording.trueStartMs);
    inputs.push({
      recording,
      input: {
        absPath: recording.absPath,
        inpointS: Math.max(0, (fromMs - recording.trueStartMs) / 1000),
        outpointS: options.endMs < recording.trueEndMs ? (options.endMs - recording.trueStartMs) / 1000 : null,
      },
    });
    coveredUntil = Math.min(recording.trueEndMs, options.endMs);
    if (coveredUntil >= options.endMs) break;
  }
  return inputs;
}

function describeClip(options: { clip: Clip; timeZone: string }): string {
  const { clip, timeZone } = options;
  const span = `${clip.cameraLabel}, ${readableTime({ instantMs: clip.startMs, timeZone })} to ${readableTime({ instantMs: clip.endMs, timeZone })}`;
  return clip.label ? `${span} (${clip.label})` : span;
}

/** "Till" as a folder or file-name part, or the camera's key when the label has nothing usable in it. */
function cameraName(options: { label: string; cameraKey: string }): string {
  return safeFileName({ name: options.label, fallback: safeFileName({ name: options.cameraKey, fallback: 'camera' }) });
}

export function planExport(options: { state: ReviewState; lookup: CameraLookup; dataDir: string; caseId: string; masters: MasterMode }): ExportPlan {
  const { state, lookup } = options;
  const names = createNameAllocator();
  const clips: PlannedClip[] = [];
  const masters: PlannedMaster[] = [];
  const mastersByFile = new Map<string, PlannedMaster>();

  state.clips.forEach((clip, index) => {
    const camera = lookup(clip.camera);
    const timeZone = camera?.timeZone ?? 'UTC';
    const recordings = camera
      ? overlappingRecordings({ timeline: camera.timeline, rootPath: camera.rootPath, sourceId: clip.camera.sourceId, startMs: clip.startMs, endMs: clip.endMs })
      : [];
    const cameraPart = cameraName({ label: clip.cameraLabel, cameraKey: clip.camera.cameraKey });
    const number = sequenceNumber({ index, count: state.clips.length });
    const workingName = names.take({ folder: 'working-copies', name: `${number}-${cameraPart}-${compactTime({ instantMs: clip.startMs, timeZone })}.mp4` });
    const inputs = workingCopyInputs({ recordings, startMs: clip.startMs, endMs: clip.endMs });
    clips.push({ clip, timeZone, recordings, inputs, workingPath: `working-copies/${workingName}`, description: describeClip({ clip, timeZone }) });

    const folder = `masters/${cameraPart}`;
    for (const recording of recordings) {
      const original = safeFileName({ name: path.posix.basename(recording.relPath), fallback: 'recording' });
      if (options.masters === 'trimmed') {
        // One trimmed copy per clip per file: two clips in one file are two different pieces of it.
        const input = inputs.find((candidate) => candidate.recording === recording)?.input;
        const trimName = trimmedName({ original, number });
        masters.push({
          recording,
          cameraLabel: clip.cameraLabel,
          path: `${folder}/${names.take({ folder, name: trimName })}`,
          clipIds: [clip.id],
          trim: { clipId: clip.id, inpointS: input?.inpointS ?? Math.max(0, (clip.startMs - recording.trueStartMs) / 1000), outpointS: input?.outpointS ?? null },
        });
        continue;
      }
      const key = `${recording.sourceId}\0${recording.relPath}`;
      const existing = mastersByFile.get(key);
      if (existing) {
        existing.clipIds.push(clip.id);
        continue;
      }
      const master: PlannedMaster = { recording, cameraLabel: clip.cameraLabel, path: `${folder}/${names.take({ folder, name: original })}`, clipIds: [clip.id], trim: null };
      mastersByFile.set(key, master);
      masters.push(master);
    }
  });

  const stills = state.stills.map((still, index): PlannedStill => {
    const timeZone = lookup(still.camera)?.timeZone ?? 'UTC';
    const cameraPart = cameraName({ label: still.cameraLabel, cameraKey: still.camera.cameraKey });
    const number = sequenceNumber({ index, count: state.stills.length });
    const name = names.take({ folder: 'stills', name: `${number}-${cameraPart}-${compactTime({ instantMs: still.frameMs, timeZone })}.png` });
    return { still, sourceFile: stillPath({ dataDir: options.dataDir, caseId: options.caseId, stillId: still.id }), path: `stills/${name}`, timeZone };
  });

  return { clips, masters, stills };
}

/** "01-14.00.00-14.01.00[R][0@0][0]-trimmed.mkv": the clip's number, the recording's own name, and what was done. */
export function trimmedName(options: { original: string; number: string }): string {
  const ext = path.posix.extname(options.original).toLowerCase();
  const stem = ext ? options.original.slice(0, -ext.length) : options.original;
  // Containers ffmpeg can write a stream copy back into keep their extension; DAV, MPEG-PS and bare streams go into MKV.
  const keep = TRIMMED_MUXERS[ext] !== undefined ? ext : '.mkv';
  return safeFileName({ name: `${options.number}-${stem}-trimmed${keep}`, fallback: `${options.number}-trimmed${keep}` });
}
