/** Gathers what a bundle says about a case from the other services: the case, recorders, export outputs and notes. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ExportOutput, ExportSummary } from '../../../src-shared/domain/export';
import type { ProducerProfile } from '../../../src-shared/domain/bundle';
import type { CasesService } from '../cases/cases-service';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { systemTimeZone } from '../catalogue/catalogue-service';
import { AppError } from '../errors';
import type { ReviewService } from '../review/review-service';
import type { BundleContents } from './build-bundle';
import { clipNotesText } from './manifest/bundle-texts';
import type { ManifestRecorder, RecorderClock } from './manifest/build-manifest';

/** A folder layout only says the make; the model is not in file names, so it is left for the person to add. */
const LAYOUT_MAKES: Record<string, string> = {
  'dahua-sd': 'Dahua (from the folder layout)',
  'dahua-usb': 'Dahua (from the folder layout)',
  'hikvision-usb': 'Hikvision (from the folder layout)',
  'reolink-sd': 'Reolink (from the folder layout)',
  'reolink-ftp': 'Reolink (from the folder layout)',
  frigate: 'Frigate NVR (from the folder layout)',
};

export interface ContentsDeps {
  db: Database.Database;
  cases: CasesService;
  catalogue: CatalogueService;
  review: ReviewService;
}

/** The export must be finished and belong to the case; an export that failed has nothing worth handing over. */
export function requireFinishedExport(options: { summary: ExportSummary; caseId: string }): ExportSummary {
  const { summary } = options;
  if (summary.caseId !== options.caseId) throw new AppError('not_found', 'That export belongs to another case.');
  if (summary.state !== 'succeeded') throw new AppError('conflict', 'That export did not finish. Run the export again (step 2), then write the USB stick.');
  if (summary.outputs.length === 0) throw new AppError('conflict', 'That export has no files in it.');
  return summary;
}

function recorders(options: { deps: ContentsDeps; caseId: string }): { recorders: ManifestRecorder[]; recorderFor: (output: ExportOutput) => RecorderClock | null } {
  const sources = options.deps.catalogue.listSources({ caseId: options.caseId });
  const clips = options.deps.review.state({ caseId: options.caseId }).clips;
  const list: ManifestRecorder[] = sources.map((source) => {
    const cameras = options.deps.catalogue.overview({ sourceId: source.id }).cameras;
    const layouts = [...new Set(cameras.map((camera) => camera.layout))];
    return {
      label: source.label,
      makeModel: layouts.length === 1 ? (LAYOUT_MAKES[layouts[0]!] ?? null) : null,
      timeZone: source.timeZone,
      clockOffsetS: source.clockOffsetS,
      clockCheck: source.clockCheck,
      clockNote: source.clockNote,
      clockDescription: source.clockDescription,
      cameras: cameras.map((camera) => camera.label),
    };
  });
  const bySourceId = new Map(sources.map((source, index) => [source.id, list[index]!]));
  const recorderFor = (output: ExportOutput): RecorderClock | null => {
    const clip = output.clipId ? clips.find((candidate) => candidate.id === output.clipId) : undefined;
    if (clip) return bySourceId.get(clip.camera.sourceId) ?? null;
    // Masters and stills do not name their folder; with one recorder in the case there is no doubt.
    const byCamera = sources.filter((source, index) => list[index]!.cameras.includes(output.cameraLabel ?? ''));
    return byCamera.length === 1 ? bySourceId.get(byCamera[0]!.id)! : list.length === 1 ? list[0]! : null;
  };
  return { recorders: list, recorderFor };
}

export function gatherContents(options: {
  deps: ContentsDeps;
  caseId: string;
  exportSummary: ExportSummary;
  exportFolder: string;
  producer: ProducerProfile;
  bundleName: string;
  createdAt: Date;
  software: { name: string; version: string };
}): BundleContents {
  const { deps, caseId, exportSummary } = options;
  const detail = deps.cases.get({ caseId });
  const location = deps.db.prepare<[string], { location: string | null }>('SELECT location FROM cases WHERE id = ?').get(caseId)?.location ?? null;
  const review = deps.review.state({ caseId });
  const exported = new Set(exportSummary.outputs.map((output) => output.clipId).filter((id) => id !== null));
  const clips = review.clips.filter((clip) => exported.has(clip.id));
  const window = clips.length > 0 ? { startMs: Math.min(...clips.map((c) => c.startMs)), endMs: Math.max(...clips.map((c) => c.endMs)) } : null;
  const { recorders: recorderList, recorderFor } = recorders({ deps, caseId });
  const notes = Buffer.from(
    clipNotesText({ caseTitle: detail.title, timeZone: recorderList[0]?.timeZone ?? systemTimeZone(), clips: review.clips, bookmarks: review.bookmarks }),
    'utf8',
  );
  return {
    bundleName: options.bundleName,
    createdAt: options.createdAt,
    software: options.software,
    caseInfo: { reference: detail.reference, title: detail.title, incidentType: detail.incidentType, location },
    incidentWindow: window,
    producer: options.producer,
    recorders: recorderList,
    outputs: exportSummary.outputs.map((output) => ({ ...output, absPath: path.join(options.exportFolder, ...output.path.split('/')) })),
    recorderFor,
    documents: [
      {
        name: 'clips-and-notes.txt',
        description: 'The clips, marked moments and notes made while reviewing the footage',
        data: notes,
        sha256: createHash('sha256').update(notes).digest('hex'),
      },
    ],
  };
}
