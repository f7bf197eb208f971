/**
 * `handover demo-nvr <dir> --layout …`: writes synthetic recorder footage for trying Handover and for tests.
 * Needs no case database. stdout carries only the result (a summary, or JSON with --json); anything else goes to stderr.
 */
import path from 'node:path';
import { formatLocalDateTime, parseLocalDateTimeText, type LocalDateTime } from '../../src-shared/domain/local-time';
import { isValidTimeZone } from '../../src-shared/domain/time';
import { DEMO_VIDEO_CODECS, type DemoVideoCodec } from '../../src-shared/ffmpeg-args/demo-footage';
import { defaultDemoStart, generateDemoFootage, type DemoFootageFile } from '../services/catalogue/demo-nvr';
import type { LayoutId } from '../services/catalogue/layouts';
import { absoluteFromRelPath } from '../services/catalogue/rel-path';
import { AppError, isAppError } from '../services/errors';
import type { Logger } from '../services/logger';
import { resolveMediaTools } from '../services/media/binaries';
import type { CliIo } from './cli-context';
import { printJson, type CliCommand, type CliOptionValues } from './command';

/** The names people type, mapped to layout ids; the ids themselves are accepted too. */
const LAYOUT_CHOICES: Readonly<Record<string, LayoutId>> = {
  dahua: 'dahua-sd',
  'dahua-sd': 'dahua-sd',
  'dahua-usb': 'dahua-usb',
  'hikvision-usb': 'hikvision-usb',
  reolink: 'reolink-sd',
  'reolink-sd': 'reolink-sd',
  'reolink-ftp': 'reolink-ftp',
  frigate: 'frigate',
  generic: 'generic',
};

const DEFAULTS = { cameras: 4, minutes: 20, segmentMinutes: 5, codec: 'h264' } as const;

const USAGE =
  'demo-nvr <dir> --layout dahua|dahua-usb|hikvision-usb|reolink|frigate|generic [--cameras 4] [--minutes 20] ' +
  '[--segment-minutes 5] [--start "2026-03-14 14:00"] [--codec h264|hevc] [--timezone Europe/London] [--json]';

/** Exit code for a run stopped by Ctrl+C, as shells report it. */
const INTERRUPTED_EXIT_CODE = 130;

function invalid(message: string): AppError {
  return new AppError('invalid_input', message);
}

/**
 * A recorder wall-clock time as typed: "2026-03-14T14:00:00", "2026-03-14 14:00:00" or without the seconds. No zone:
 * it is what the recorder's clock showed.
 */
export function parseRecorderLocalTime(text: string): LocalDateTime {
  const local = parseLocalDateTimeText(text);
  if (!local) {
    throw invalid(`"${text.trim()}" is not a date and time Handover can read. Write the recorder's time like 2026-03-14T14:00:00 or "2026-03-14 14:00", on a real calendar day.`);
  }
  return local;
}

function readWholeNumber(values: CliOptionValues, option: string, fallback: number): number {
  const raw = values[option];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim())) throw invalid(`--${option} must be a whole number, like --${option} ${fallback}; got "${String(raw)}".`);
  return Number(raw.trim());
}

function readLayout(values: CliOptionValues): LayoutId {
  const raw = values.layout;
  const choices = 'dahua, dahua-usb, hikvision-usb, reolink, frigate or generic';
  if (typeof raw !== 'string' || raw === '') throw invalid(`Say which recorder to imitate with --layout: ${choices}.`);
  const layout = LAYOUT_CHOICES[raw.trim().toLowerCase()];
  if (layout === undefined) throw invalid(`--layout "${raw}" is not a recorder layout Handover can write. Choose ${choices}.`);
  return layout;
}

function readCodec(values: CliOptionValues): DemoVideoCodec {
  const raw = values.codec ?? DEFAULTS.codec;
  const codec = DEMO_VIDEO_CODECS.find((candidate) => candidate === raw);
  if (codec === undefined) throw invalid(`--codec must be h264 or hevc; got "${String(raw)}".`);
  return codec;
}

function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function readDir(positionals: string[]): string {
  if (positionals.length === 0) throw invalid('Say which folder to write the demo footage to, e.g. demo-nvr ./demo-footage --layout dahua.');
  if (positionals.length > 1) throw invalid(`Give one folder only; got ${positionals.map((p) => `"${p}"`).join(', ')}. Put quotes round a folder name with spaces.`);
  return path.resolve(positionals[0] ?? '');
}

/** ffmpeg's command lines are not worth showing here; its failures are, on stderr so stdout stays clean. */
function stderrLogger(io: CliIo): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => io.err(`${level}: ${message} ${JSON.stringify(fields ?? {})}\n`);
  return { info: () => undefined, warn: (message, fields) => write('warning', message, fields), error: (message, fields) => write('error', message, fields) };
}

function formatSummary(options: { dir: string; layout: LayoutId; cameras: number; minutes: number; codec: DemoVideoCodec; timeZone: string; files: DemoFootageFile[]; elapsedMs: number }): string {
  const { files } = options;
  const cameraNames = [...new Map(files.map((file) => [file.cameraIndex, file.cameraName])).entries()].map(([index, name]) => `${index} ${name}`);
  // Every camera covers the same span, so the first file starts it and the last one ends it.
  const readable = (local: LocalDateTime | undefined) => (local ? formatLocalDateTime(local).replace('T', ' ') : '?');
  const span = `${readable(files[0]?.recorderStart)} to ${readable(files.at(-1)?.recorderEnd)}`;
  return [
    `Wrote ${files.length} demo files to ${options.dir} in ${(options.elapsedMs / 1000).toFixed(1)} s:`,
    `  ${options.cameras} camera${options.cameras === 1 ? '' : 's'} × ${options.minutes} min, ${options.layout} layout, ${options.codec === 'hevc' ? 'H.265' : 'H.264'}.`,
    `  Recorder clock ${span} (${options.timeZone}), burnt into every frame.`,
    `  Cameras: ${cameraNames.join(', ')}.`,
    '',
  ].join('\n');
}

export const demoNvrCommand: CliCommand = {
  name: 'demo-nvr',
  usage: USAGE,
  summary: "Write synthetic recorder footage (test pattern with the recorder's clock burnt in) in a recorder's folder layout.",
  options: {
    layout: { type: 'string' },
    cameras: { type: 'string' },
    minutes: { type: 'string' },
    'segment-minutes': { type: 'string' },
    start: { type: 'string' },
    codec: { type: 'string' },
    timezone: { type: 'string' },
  },
  needsCore: false,
  async run({ positionals, values, io, env }) {
    const controller = new AbortController();
    const onInterrupt = () => controller.abort();
    process.once('SIGINT', onInterrupt);
    try {
      const timeZone = typeof values.timezone === 'string' ? values.timezone : systemTimeZone();
      const request = {
        dir: readDir(positionals),
        layout: readLayout(values),
        cameras: readWholeNumber(values, 'cameras', DEFAULTS.cameras),
        minutes: readWholeNumber(values, 'minutes', DEFAULTS.minutes),
        segmentMinutes: readWholeNumber(values, 'segment-minutes', DEFAULTS.segmentMinutes),
        codec: readCodec(values),
        timeZone,
        start: typeof values.start === 'string' ? parseRecorderLocalTime(values.start) : null,
      };
      const started = Date.now();
      const { files } = await generateDemoFootage({
        ...request,
        // Only worked out once the zone is known good; generateDemoFootage reports a bad zone in plain words.
        start: request.start ?? defaultDemoStart({ nowMs: started, timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC' }),
        tools: resolveMediaTools({ env }),
        logger: stderrLogger(io),
        signal: controller.signal,
      });
      if (values.json) {
        printJson(io, {
          dir: request.dir,
          layout: request.layout,
          cameras: request.cameras,
          minutes: request.minutes,
          segmentMinutes: request.segmentMinutes,
          codec: request.codec,
          timeZone,
          files: files.map((file) => ({
            path: file.relPath,
            fullPath: absoluteFromRelPath(request.dir, file.relPath),
            camera: file.cameraName,
            cameraIndex: file.cameraIndex,
            recorderStart: formatLocalDateTime(file.recorderStart),
            recorderEnd: formatLocalDateTime(file.recorderEnd),
          })),
        });
      } else {
        io.out(formatSummary({ ...request, files, elapsedMs: Date.now() - started }));
      }
      return 0;
    } catch (error) {
      if (isAppError(error) && error.code === 'invalid_input') {
        io.err(`${error.message}\n\nUsage: npm run handover -- ${USAGE}\n`);
        return 2;
      }
      if (isAppError(error) && error.code === 'cancelled') {
        io.err('Stopped. No demo footage was kept.\n');
        return INTERRUPTED_EXIT_CODE;
      }
      throw error;
    } finally {
      process.removeListener('SIGINT', onInterrupt);
    }
  },
};
