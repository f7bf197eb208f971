import fs from 'node:fs';
import path from 'node:path';
import type { CameraRef, LocateResult, PlaybackPlan, ThumbnailStrip } from '../../../src-shared/domain/review';
import { trueToRecorderMs } from '../../../src-shared/domain/time';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import type { PlaybackMediaServer } from './media-server';
import { choosePlaybackMode, directMediaZeroMs } from './playback-mode';
import { createProbeCache, type FileVersion } from './probe-cache';
import { createProxyStreams } from './proxy-streams';
import { roundTo, stripInstants, thumbnailQuantumMs } from './strip';
import { createThumbnailCache } from './thumbnail-cache';
import { createThumbnailMaker } from './thumbnail-maker';

/** "14:02:31 on 14 March 2026", on the shop's clock (the footage folder's zone). */
export function describeMoment(options: { atMs: number; timeZone: string }): string {
  const at = new Date(options.atMs);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: options.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: options.timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  return `${time} on ${date}`;
}

/** The file as it is now; a recording that cannot be found any more is usually on a drive that was unplugged. */
async function currentVersion(options: { absPath: string; what: string }): Promise<FileVersion> {
  try {
    const stat = await fs.promises.stat(options.absPath);
    if (stat.isFile()) return { absPath: options.absPath, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    // answered below
  }
  throw new AppError('not_found', `${options.what} cannot be opened. If the footage is on a USB drive or memory card, check that it is still plugged in.`);
}

/** Finds a camera's footage at a true instant and plans how the player gets it; makes the timeline's picture strip. */
export function createPlaybackService(options: {
  catalogue: CatalogueService;
  media: PlaybackMediaServer;
  mediaTools: () => MediaTools;
  dataDir: string;
  logger: Logger;
  thumbnailCacheBytes?: number;
  maxProxyStreams?: number;
}) {
  const { catalogue, media, mediaTools, logger } = options;
  const probes = createProbeCache({ mediaTools, logger });
  const proxies = createProxyStreams({ mediaTools, logger, maxStreams: options.maxProxyStreams });
  const thumbnailCache = createThumbnailCache({ dir: path.join(options.dataDir, 'cache', 'thumbnails'), logger, maxBytes: options.thumbnailCacheBytes });
  const thumbnailMaker = createThumbnailMaker({ cache: thumbnailCache, mediaTools, logger });

  async function locate(input: { camera: CameraRef; atMs: number }): Promise<LocateResult> {
    const { camera, atMs } = input;
    const found = catalogue.findRecording({ sourceId: camera.sourceId, cameraKey: camera.cameraKey, atMs });
    const moment = describeMoment({ atMs, timeZone: found.source.time_zone });
    if (!found.found) return { found: false, message: `No recording on ${found.cameraLabel} at ${moment}.`, nextStartMs: found.nextStartMs };

    const { row, absPath, cameraLabel, source } = found;
    const what = `The recording on ${cameraLabel} at ${moment}`;
    // Timelines hold only recordings with a known true start.
    const trueStartMs = row.true_start_ms!;
    const file = await currentVersion({ absPath, what });
    const probe = await probes.probe({ file, failureMessage: `${what} could not be read as video. The file may be damaged or cut short.` });
    const choice = choosePlaybackMode(probe);
    if (!choice) throw new AppError('media_failed', `${what} has no video in it.`);
    const durationMs = probe.durationS === null ? null : probe.durationS * 1000;
    const base = {
      camera,
      cameraLabel,
      recordingStartMs: trueStartMs,
      recordingEndMs: row.true_end_ms ?? trueStartMs + (durationMs ?? 0),
      recorderStartMs: row.recorder_start_ms ?? trueToRecorderMs({ trueInstantMs: trueStartMs, clockOffsetS: source.clock_offset_s }),
      videoCodec: choice.video.codecName,
      width: choice.video.width,
      height: choice.video.height,
      frameRate: choice.video.frameRate,
      note: choice.note,
    };

    if (choice.mode === 'direct') {
      const mediaZeroMs = directMediaZeroMs({ trueStartMs, probe });
      const url = media.urlForFile({ absPath, contentType: choice.contentType! });
      const plan: PlaybackPlan = { ...base, mode: 'direct', url, mediaZeroMs, startAtS: Math.max(0, (atMs - mediaZeroMs) / 1000) };
      return { found: true, plan };
    }

    // Past the last frame (a file a little shorter than its name says) ffmpeg would send nothing: start a second before.
    const lastStartMs = durationMs === null ? Number.POSITIVE_INFINITY : Math.max(0, durationMs - 1000);
    const offsetMs = Math.round(Math.min(Math.max(0, atMs - trueStartMs), lastStartMs));
    const { withAudio } = choice;
    const url = media.registerProxy({
      key: `${file.absPath}\0${file.size}\0${file.mtimeMs}\0${offsetMs}`,
      contentType: 'video/mp4',
      open: ({ signal }) => proxies.open({ absPath, offsetS: offsetMs / 1000, withAudio, signal }),
    });
    // The proxy starts at the asked moment, so that moment is its time 0 and it cannot seek: the player asks again.
    const plan: PlaybackPlan = { ...base, mode: 'proxy', url, mediaZeroMs: trueStartMs + offsetMs, startAtS: 0 };
    return { found: true, plan };
  }

  function stripNow(input: { camera: CameraRef; fromMs: number; toMs: number; count: number }): ThumbnailStrip {
    const { camera, fromMs, toMs, count } = input;
    if (toMs < fromMs) throw new AppError('invalid_input', 'The end of the picture strip is before its start.');
    const quantumMs = thumbnailQuantumMs({ fromMs, toMs, count });
    const frames = stripInstants({ fromMs, toMs, count }).map((atMs) => {
      const found = catalogue.findRecording({ sourceId: camera.sourceId, cameraKey: camera.cameraKey, atMs });
      if (!found.found) return { atMs, url: null };
      const { absPath } = found;
      const offsetMs = Math.max(0, roundTo(atMs - found.row.true_start_ms!, quantumMs));
      // Nothing is made now: the picture is made (or found in the cache) when the <img> asks for it.
      const url = media.registerThumbnail({ key: `${absPath}\0${offsetMs}`, produce: ({ signal }) => thumbnailMaker.picture({ absPath, offsetMs, signal }) });
      return { atMs, url };
    });
    return { frames };
  }

  /** Async only for the contract's sake: the work is a few lookups, and any error (unknown camera) becomes a rejection. */
  function thumbnails(input: { camera: CameraRef; fromMs: number; toMs: number; count: number }): Promise<ThumbnailStrip> {
    return new Promise((resolve) => resolve(stripNow(input)));
  }

  return {
    locate,
    thumbnails,
    /** For tests: conversions running now, and the thumbnail cache's size. */
    diagnostics: () => ({ proxyPids: proxies.livePids(), thumbnailCache: thumbnailCache.stats() }),
  };
}

export type PlaybackService = ReturnType<typeof createPlaybackService>;
