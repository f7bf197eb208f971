/**
 * The burnt-in caption of a working copy: case reference, camera and the true time of every frame, in the recorder's
 * time zone, drawn by ffmpeg in a black band added under the picture so that no recorded pixel is covered.
 *
 * The clock is `%{pts:gmtime:<epoch>}` with the zone's UTC offset folded into the epoch, not `localtime` with a TZ
 * variable: ffmpeg on Windows uses the C runtime's time functions, which do not understand IANA zone names. A clip that
 * spans a change of offset (clocks going forward or back) gets one drawtext per offset, each enabled for its stretch.
 */
import { zoneOffsetMinutesAt } from '../domain/time';
import { escapeDrawtextFunctionArgument, escapeDrawtextLiteral, filterOptionValue } from './filter-escape';

export interface CaptionFilterOptions {
  caseReference: string;
  cameraLabel: string;
  /** IANA zone the recorder's clock shows, e.g. "Europe/London". */
  timeZone: string;
  /** The true instant of the frame whose timestamp, as the filter sees it, is 0. */
  trueMsAtFilterZero: number;
  /** Filter timestamps the caption must cover, from 0; used to find offset changes. */
  spanS: number;
  /** A TrueType font file (the bundled monospace one). */
  fontFile: string;
  /** The picture size reaching the caption (after any scaling). */
  frameWidth: number;
  frameHeight: number;
}

/** strftime for drawtext; the C locale's month names, which ffmpeg uses everywhere. */
export const CAPTION_TIME_FORMAT = '%d %b %Y %H:%M:%S';
/** "14 Mar 2026 23:59:30" is 20 characters, the same for every date. */
const TIME_TEXT_CHARS = 20;

/** DejaVu Sans Mono advances 0.602 em per character; a little more leaves room for rounding. */
const CHAR_WIDTH_EM = 0.62;
const LINE_HEIGHT_EM = 1.3;

/**
 * A frame stamped exactly on a second can reach drawtext as 0.9999999 s past the previous one after the float
 * arithmetic, and gmtime would print the earlier second. A tenth of a millisecond is far below a frame and fixes that.
 */
const ROUNDING_NUDGE_S = 0.0001;

const MS_PER_MINUTE = 60_000;
/** Zones change offset at most a couple of times a year, so checking every 6 hours cannot step over two changes. */
const OFFSET_SCAN_STEP_MS = 6 * 3_600_000;

/** One stretch of filter time with a single UTC offset; `fromS`/`toS` null at the open ends. */
export interface OffsetStretch {
  fromS: number | null;
  toS: number | null;
  offsetMinutes: number;
}

/** Pure text, one line: control characters would start new lines or confuse the filter parser. */
function oneLine(text: string): string {
  return [...text].map((character) => (character.charCodeAt(0) < 0x20 || character === '\u007f' ? ' ' : character)).join('').replace(/ {2,}/g, ' ').trim();
}

/** "UTC+01:00", "UTC-05:00", "UTC+05:45". */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offsetMinutes));
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The first whole second in (fromMs, toMs] where the offset is no longer `before`. */
function findChange(options: { timeZone: string; fromMs: number; toMs: number; before: number }): number {
  let low = options.fromMs;
  let high = options.toMs;
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2000) * 1000;
    const settled = middle <= low ? low + 1000 : middle;
    if (zoneOffsetMinutesAt({ instantMs: settled, timeZone: options.timeZone }) === options.before) low = settled;
    else high = settled;
  }
  return high;
}

/** The UTC offsets in force over the caption's span, split where the zone changes offset. */
export function offsetStretches(options: { timeZone: string; trueMsAtFilterZero: number; spanS: number }): OffsetStretch[] {
  const { timeZone, trueMsAtFilterZero } = options;
  const startMs = Math.floor(trueMsAtFilterZero / 1000) * 1000;
  const endMs = trueMsAtFilterZero + Math.max(0, options.spanS) * 1000;
  const stretches: OffsetStretch[] = [];
  let fromS: number | null = null;
  let offset = zoneOffsetMinutesAt({ instantMs: startMs, timeZone });
  let checkedMs = startMs;
  while (checkedMs < endMs) {
    const nextMs = Math.min(checkedMs + OFFSET_SCAN_STEP_MS, Math.ceil(endMs / 1000) * 1000);
    const nextOffset = zoneOffsetMinutesAt({ instantMs: nextMs, timeZone });
    if (nextOffset !== offset) {
      const changeMs = findChange({ timeZone, fromMs: checkedMs, toMs: nextMs, before: offset });
      const changeS = (changeMs - trueMsAtFilterZero) / 1000;
      stretches.push({ fromS, toS: changeS, offsetMinutes: offset });
      fromS = changeS;
      offset = zoneOffsetMinutesAt({ instantMs: changeMs, timeZone });
      checkedMs = changeMs;
      continue;
    }
    checkedMs = nextMs;
  }
  stretches.push({ fromS, toS: null, offsetMinutes: offset });
  return stretches;
}

/** drawtext's text for the time line: the clock reads the wall time in the zone, then the offset it is at. */
export function captionTimeText(options: { trueMsAtFilterZero: number; offsetMinutes: number }): string {
  const epochS = (options.trueMsAtFilterZero + options.offsetMinutes * MS_PER_MINUTE) / 1000 + ROUNDING_NUDGE_S;
  const clock = `%{pts:gmtime:${epochS.toFixed(6)}:${escapeDrawtextFunctionArgument(CAPTION_TIME_FORMAT)}}`;
  return `${escapeDrawtextLiteral('true time ')}${clock}${escapeDrawtextLiteral(` ${formatUtcOffset(options.offsetMinutes)}`)}`;
}

export interface CaptionLayout {
  fontSize: number;
  lineHeight: number;
  margin: number;
  /** Height of the band added under the picture; even, as 4:2:0 needs. */
  bandHeight: number;
  /** Whether case and camera share a line with the time, or sit on a line above it. */
  lines: 1 | 2;
}

/** Text about 1/24 of the picture height, shrunk until the longest line fits the width; one line when it fits. */
export function captionLayout(options: { frameWidth: number; frameHeight: number; headerChars: number }): CaptionLayout {
  const { frameWidth, frameHeight, headerChars } = options;
  const preferred = Math.min(48, Math.max(10, Math.round(frameHeight / 24)));
  const margin = Math.max(4, Math.round(preferred / 2));
  const fitting = (chars: number) => Math.floor((frameWidth - 2 * margin) / (CHAR_WIDTH_EM * Math.max(1, chars)));
  const oneLineChars = headerChars + 3 + TIME_TEXT_CHARS + 10 + 10;
  const lines = fitting(oneLineChars) >= preferred ? 1 : 2;
  const widest = lines === 1 ? oneLineChars : Math.max(headerChars, TIME_TEXT_CHARS + 20);
  const fontSize = Math.max(8, Math.min(preferred, fitting(widest)));
  const lineHeight = Math.ceil(fontSize * LINE_HEIGHT_EM);
  const bandHeight = Math.ceil((lines * lineHeight + 2 * margin) / 2) * 2;
  return { fontSize, lineHeight, margin, bandHeight, lines };
}

function enableExpression(stretch: OffsetStretch): string | null {
  const parts = [stretch.fromS === null ? null : `gte(t,${stretch.fromS.toFixed(6)})`, stretch.toS === null ? null : `lt(t,${stretch.toS.toFixed(6)})`];
  const present = parts.filter((part): part is string => part !== null);
  return present.length === 0 ? null : present.join('*');
}

/** The filters, in order: the band under the picture, then the text in it. */
export function buildCaptionFilters(options: CaptionFilterOptions): string {
  const { fontFile, frameWidth, frameHeight } = options;
  if (!(frameWidth > 0) || !(frameHeight > 0)) throw new RangeError('caption: the picture size must be known');
  if (fontFile === '') throw new RangeError('caption: a font file is needed');
  if (!Number.isFinite(options.trueMsAtFilterZero)) throw new RangeError('caption: the true start time must be a number');
  const header = `${oneLine(options.caseReference)} · ${oneLine(options.cameraLabel)}`;
  const layout = captionLayout({ frameWidth, frameHeight, headerChars: [...header].length });
  const font = `fontfile=${filterOptionValue(fontFile)}`;
  const style = `fontsize=${layout.fontSize}:fontcolor=white`;
  const top = (line: number) => `y=h-${layout.bandHeight}+${layout.margin + line * layout.lineHeight}`;
  const filters = [`pad=w=iw:h=ih+${layout.bandHeight}:x=0:y=0:color=black`];
  const headerText = escapeDrawtextLiteral(layout.lines === 1 ? `${header} · ` : header);
  if (layout.lines === 2) filters.push(`drawtext=${font}:${style}:text=${filterOptionValue(headerText)}:x=${layout.margin}:${top(0)}`);

  for (const stretch of offsetStretches(options)) {
    const time = captionTimeText({ trueMsAtFilterZero: options.trueMsAtFilterZero, offsetMinutes: stretch.offsetMinutes });
    const text = layout.lines === 1 ? `${headerText}${time}` : time;
    const enable = enableExpression(stretch);
    filters.push(
      `drawtext=${font}:${style}:text=${filterOptionValue(text)}:x=${layout.margin}:${top(layout.lines - 1)}${enable === null ? '' : `:enable=${filterOptionValue(enable)}`}`,
    );
  }
  return filters.join(',');
}
