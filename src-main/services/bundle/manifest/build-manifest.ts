/**
 * manifest.json for an evidence bundle: every exhibit with its reference, file in the zip, size, SHA-256, camera,
 * recorder-time and true-time ranges, what it was made from and how. Pure: the bundle service gathers the facts.
 */
import path from 'node:path';
import {
  MANIFEST_SCHEMA_VERSION,
  bundleManifestSchema,
  type BundleManifest,
  type ManifestExhibit,
  type ProducerProfile,
} from '../../../../src-shared/domain/bundle';
import type { ExportOutput } from '../../../../src-shared/domain/export';
import { formatLocalDateTime } from '../../../../src-shared/domain/local-time';
import { trueToRecorderMs, wallClockAt } from '../../../../src-shared/domain/time';

export interface RecorderClock {
  timeZone: string;
  clockOffsetS: number;
}

export interface ManifestRecorder extends RecorderClock {
  label: string;
  makeModel: string | null;
  clockCheck: string;
  clockNote: string | null;
  clockDescription: string;
  cameras: string[];
}

/** A file that goes into the zip: from disk (`file`) or made in memory (`data`). */
export interface ZipPlanEntry {
  name: string;
  file?: string;
  data?: Uint8Array;
  size: number;
  sha256: string;
}

export interface ManifestInput {
  bundleName: string;
  createdAt: Date;
  software: { name: string; version: string };
  caseInfo: { reference: string | null; title: string; incidentType: string; location: string | null };
  incidentWindow: { startMs: number; endMs: number } | null;
  producer: ProducerProfile;
  certificate: { fingerprintSha256: string; subject: string };
  recorders: ManifestRecorder[];
  /** The export's outputs, each with where it is on disk now. */
  outputs: (ExportOutput & { absPath: string })[];
  /** The recorder an output's footage came from (its zone and clock), or null when it cannot be told. */
  recorderFor: (output: ExportOutput) => RecorderClock | null;
  /** Made-up documents (clip notes, statements): already in memory, with their hashes. */
  documents: { name: string; description: string; data: Uint8Array; sha256: string }[];
  custodyLog: { name: string; entries: number; lastHash: string | null };
}

const KIND_ORDER: Record<ExportOutput['kind'], number> = { master: 0, working: 1, still: 2 };
const FOLDER: Record<ManifestExhibit['kind'], string> = { master: 'masters', working: 'working-copies', still: 'stills', document: 'documents' };

function recorderRange(options: { output: ExportOutput; clock: RecorderClock | null }): ManifestExhibit['recorderTime'] {
  const { output, clock } = options;
  if (!clock || output.startMs === null || output.endMs === null) return null;
  const wall = (ms: number) => formatLocalDateTime(wallClockAt({ instantMs: trueToRecorderMs({ trueInstantMs: ms, clockOffsetS: clock.clockOffsetS }), timeZone: clock.timeZone }));
  return { start: wall(output.startMs), end: wall(output.endMs), timeZone: clock.timeZone };
}

function describeOutput(output: ExportOutput): string {
  const camera = output.cameraLabel ?? 'camera';
  if (output.kind === 'master') {
    return output.method === 'copy' ? `Original recording from ${camera}, copied byte for byte` : `Original recording from ${camera}, trimmed by stream copy (not byte-identical)`;
  }
  if (output.kind === 'working') return `Working copy (MP4, H.264) of a clip from ${camera}`;
  return `Still picture from ${camera}`;
}

/** Where an output goes in the zip: its export folder, and its name prefixed with its reference ("JS_1_…"). */
function zipPathFor(options: { output: ExportOutput; fileRef: string }): string {
  const parts = options.output.path.split('/');
  const base = parts.pop()!;
  const folder = parts.length > 0 ? parts : [FOLDER[options.output.kind]];
  return [...folder, `${options.fileRef}_${base}`].join('/');
}

/** A split file's note names its parts in quotes, for the command that joins them: give them their new names. */
function renamedInNote(options: { note: string; output: ExportOutput; prefix: string }): string {
  const wholeName = path.posix.basename(options.output.path).replace(/\.\d+$/, '');
  return options.note.replaceAll(`"${wholeName}`, `"${options.prefix}_${wholeName}`);
}

/** Numbers the outputs (masters, then working copies, then stills, each in export order); parts share a number. */
function numberOutputs(outputs: ManifestInput['outputs']): { output: ManifestInput['outputs'][number]; number: number }[] {
  const sorted = outputs
    .map((output, index) => ({ output, index }))
    .sort((a, b) => KIND_ORDER[a.output.kind] - KIND_ORDER[b.output.kind] || a.index - b.index);
  const numbered: { output: ManifestInput['outputs'][number]; number: number }[] = [];
  let next = 0;
  let lastWhole: string | null = null;
  for (const { output } of sorted) {
    // Parts of one split file follow each other and share the whole file's name minus the part suffix.
    const whole = output.part ? `${output.kind}:${output.derivedFrom.join('|')}:${output.clipId ?? ''}:${output.part.count}` : null;
    if (!(output.part && output.part.index > 1 && whole === lastWhole)) next += 1;
    lastWhole = whole;
    numbered.push({ output, number: next });
  }
  return numbered;
}

export function buildManifest(input: ManifestInput): { manifest: BundleManifest; entries: ZipPlanEntry[] } {
  const initials = input.producer.initials;
  const exhibits: ManifestExhibit[] = [];
  const entries: ZipPlanEntry[] = [];

  const numbered = numberOutputs(input.outputs);
  for (const { output, number } of numbered) {
    const whole = `${initials}/${number}`;
    const id = output.part ? `${whole}/${output.part.index}` : whole;
    const fileRef = id.replace(/\//g, '_');
    // Parts keep the whole file's reference in their names, so joining them gives one file named like the exhibit.
    const namePrefix = whole.replace(/\//g, '_');
    const file = zipPathFor({ output, fileRef: namePrefix });
    exhibits.push({
      id,
      fileRef,
      kind: output.kind,
      description: describeOutput(output),
      file,
      size: output.size,
      sha256: output.sha256,
      camera: output.cameraLabel,
      recorderTime: recorderRange({ output, clock: input.recorderFor(output) }),
      trueTime: output.startMs !== null && output.endMs !== null ? { start: new Date(output.startMs).toISOString(), end: new Date(output.endMs).toISOString() } : null,
      derivedFrom: output.derivedFrom,
      sourceSha256: output.sourceSha256,
      method: output.method,
      processing: output.processing,
      part: output.part ? { index: output.part.index, count: output.part.count, of: whole } : null,
      status: output.status,
      note: output.part ? renamedInNote({ note: output.note, output, prefix: namePrefix }) : output.note,
    });
    entries.push({ name: file, file: output.absPath, size: output.size, sha256: output.sha256 });
  }

  let documentNumber = numbered.at(-1)?.number ?? 0;
  for (const document of input.documents) {
    documentNumber += 1;
    const id = `${initials}/${documentNumber}`;
    const fileRef = id.replace(/\//g, '_');
    const file = `documents/${fileRef}_${path.posix.basename(document.name)}`;
    exhibits.push({
      id,
      fileRef,
      kind: 'document',
      description: document.description,
      file,
      size: document.data.byteLength,
      sha256: document.sha256,
      camera: null,
      recorderTime: null,
      trueTime: null,
      derivedFrom: [],
      sourceSha256: null,
      method: 'generated',
      processing: [],
      part: null,
      status: 'ok',
      note: '',
    });
    entries.push({ name: file, data: document.data, size: document.data.byteLength, sha256: document.sha256 });
  }

  const manifest = bundleManifestSchema.parse({
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    bundleName: input.bundleName,
    createdAt: input.createdAt.toISOString(),
    software: input.software,
    case: {
      ...input.caseInfo,
      incidentWindow: input.incidentWindow
        ? { start: new Date(input.incidentWindow.startMs).toISOString(), end: new Date(input.incidentWindow.endMs).toISOString() }
        : null,
    },
    producer: { ...input.producer, certificateFingerprintSha256: input.certificate.fingerprintSha256, certificateSubject: input.certificate.subject },
    recorders: input.recorders.map((recorder) => ({
      label: recorder.label,
      makeModel: recorder.makeModel,
      timeZone: recorder.timeZone,
      clockOffsetS: recorder.clockOffsetS,
      clockCheck: recorder.clockCheck,
      clockNote: recorder.clockNote,
      clockDescription: recorder.clockDescription,
      cameras: recorder.cameras,
    })),
    exhibits,
    custodyLog: { file: input.custodyLog.name, entries: input.custodyLog.entries, lastHash: input.custodyLog.lastHash },
  });
  return { manifest, entries };
}
