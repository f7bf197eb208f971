/**
 * Paints one frame of the timeline on a 2D canvas. Called only when something changed; everything it needs is passed
 * in, so it can be tested against a recording fake context and timed on its own by the benchmark.
 */
import { partsInZone } from '../../footage/footage-format';
import { TIMELINE_COLOURS, TIMELINE_FONT as FONT } from './timeline-colours';
import { coverageRuns, emptyRuns, type CoverageRuns, type RecordingIndex } from './timeline-coverage';
import { drawRuler } from './timeline-draw-ruler';
import { rowTop, timeAreaWidth, type TimelineLayout } from './timeline-layout';
import { viewRange, type TimelineView } from './timeline-view';

function verticalLine(ctx: TimelineContext, x: number, top: number, bottom: number): void {
  ctx.moveTo(x, top);
  ctx.lineTo(x, bottom);
}

const KIND_FILLS = [TIMELINE_COLOURS.regular, TIMELINE_COLOURS.motion, TIMELINE_COLOURS.alarm] as const;

export interface DrawRow {
  label: string;
  index: RecordingIndex;
  selected: boolean;
}

export interface DrawClip {
  row: number;
  startMs: number;
  endMs: number;
  label: string;
}

export interface TimelineScene {
  layout: TimelineLayout;
  view: TimelineView;
  rows: readonly DrawRow[];
  timeZone: string;
  playheadMs: number | null;
  clips: readonly DrawClip[];
  inMs: number | null;
  outMs: number | null;
  bookmarks: readonly { atMs: number }[];
}

/** The parts of a 2D context the timeline uses, so tests can pass a fake. */
export type TimelineContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform' | 'clearRect' | 'fillRect' | 'strokeRect' | 'fillText' | 'measureText' | 'beginPath' | 'moveTo' | 'lineTo'
  | 'closePath' | 'fill' | 'stroke' | 'save' | 'restore' | 'rect' | 'clip'
  | 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'font' | 'textBaseline' | 'textAlign'
>;

export interface DrawStats {
  /** Coverage rectangles filled: stays in the hundreds however many recordings there are. */
  bars: number;
  /** Recordings looked at: only the visible ones. */
  visited: number;
}

/** Reused between frames so drawing allocates almost nothing. */
const sharedRuns: CoverageRuns = emptyRuns();
const fittedLabels = new Map<string, string>();

function fitText(ctx: TimelineContext, text: string, maxWidth: number): string {
  const key = `${ctx.font}|${maxWidth}|${text}`;
  let fitted = fittedLabels.get(key);
  if (fitted === undefined) {
    fitted = text;
    if (ctx.measureText(text).width > maxWidth) {
      let end = text.length;
      while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > maxWidth) end -= 1;
      fitted = `${text.slice(0, end)}…`;
    }
    if (fittedLabels.size > 500) fittedLabels.clear();
    fittedLabels.set(key, fitted);
  }
  return fitted;
}

function drawRows(ctx: TimelineContext, scene: TimelineScene, left: number, hatch: CanvasPattern | null, stats: DrawStats): void {
  const { layout, view } = scene;
  const width = layout.widthPx - left;
  scene.rows.forEach((row, rowIndex) => {
    const top = rowTop({ layout, row: rowIndex });
    if (row.selected) {
      ctx.fillStyle = TIMELINE_COLOURS.selectedRow;
      ctx.fillRect(left, top, width, layout.rowHeightPx);
    }
    const barTop = top + 9;
    const barHeight = layout.rowHeightPx - 16;
    ctx.fillStyle = TIMELINE_COLOURS.track;
    ctx.fillRect(left, barTop, width, barHeight);

    const runs = coverageRuns({ index: row.index, view, runs: sharedRuns });
    stats.visited += runs.visited;
    runs.byKind.forEach((list, kind) => {
      if (list.length === 0) return;
      const isProblem = kind === 3;
      ctx.fillStyle = isProblem ? (hatch ?? TIMELINE_COLOURS.problemBackground) : (KIND_FILLS[kind] ?? TIMELINE_COLOURS.regular);
      for (let i = 0; i < list.length; i += 2) ctx.fillRect(left + list[i]!, barTop, list[i + 1]! - list[i]!, barHeight);
      // Motion and alarm also get a tick above the bar, so a sliver of colour at week zoom is not missed.
      if (kind === 1 || kind === 2) for (let i = 0; i < list.length; i += 2) ctx.fillRect(left + list[i]!, top + 3, Math.max(list[i + 1]! - list[i]!, 2), 4);
      if (isProblem) {
        ctx.strokeStyle = TIMELINE_COLOURS.problem;
        ctx.lineWidth = 1;
        for (let i = 0; i < list.length; i += 2) ctx.strokeRect(left + list[i]! + 0.5, barTop + 0.5, Math.max(list[i + 1]! - list[i]! - 1, 0), barHeight - 1);
      }
      stats.bars += list.length / 2;
    });
  });
}

function drawClips(ctx: TimelineContext, scene: TimelineScene, left: number): void {
  const { layout, view } = scene;
  const range = viewRange({ view });
  ctx.font = `600 11px ${FONT}`;
  ctx.textBaseline = 'middle';
  for (const clip of scene.clips) {
    if (clip.row < 0 || clip.row >= scene.rows.length || clip.endMs < range.startMs || clip.startMs > range.endMs) continue;
    const top = rowTop({ layout, row: clip.row }) + 3;
    const height = layout.rowHeightPx - 6;
    const x0 = Math.max(left + (clip.startMs - view.startMs) / view.msPerPx, left - 2);
    const x1 = Math.min(left + (clip.endMs - view.startMs) / view.msPerPx, layout.widthPx + 2);
    const width = Math.max(x1 - x0, 2);
    ctx.fillStyle = TIMELINE_COLOURS.clip;
    ctx.fillRect(x0, top, width, height);
    ctx.strokeStyle = TIMELINE_COLOURS.clipEdge;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + 1, top + 1, Math.max(width - 2, 0), height - 2);
    const label = clip.label || 'Clip';
    const textWidth = ctx.measureText(label).width;
    if (width >= textWidth + 14) {
      ctx.fillStyle = TIMELINE_COLOURS.clipEdge;
      ctx.fillRect(x0 + 3, top + height / 2 - 8, textWidth + 8, 16);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label, x0 + 7, top + height / 2);
    }
  }
}

function drawMarks(ctx: TimelineContext, scene: TimelineScene, left: number, rowsBottom: number): void {
  const { view, inMs, outMs } = scene;
  const xOf = (atMs: number) => left + (atMs - view.startMs) / view.msPerPx;
  const top = scene.layout.rulerHeightPx;
  if (inMs !== null && outMs !== null) {
    const x0 = Math.max(xOf(Math.min(inMs, outMs)), left - 2);
    const x1 = Math.min(xOf(Math.max(inMs, outMs)), scene.layout.widthPx + 2);
    if (x1 > x0) {
      ctx.fillStyle = TIMELINE_COLOURS.marks;
      ctx.fillRect(x0, top, x1 - x0, rowsBottom - top);
    }
  }
  ctx.strokeStyle = TIMELINE_COLOURS.marksEdge;
  ctx.lineWidth = 2;
  ctx.font = `600 11px ${FONT}`;
  ctx.textBaseline = 'alphabetic';
  // Each word sits on the outer side of its line, so close marks do not write over each other.
  const inFirst = inMs === null || outMs === null || inMs <= outMs;
  const marks = [
    [inMs, 'In', inFirst ? 'right' : 'left'],
    [outMs, 'Out', inFirst ? 'left' : 'right'],
  ] as const;
  for (const [atMs, word, align] of marks) {
    if (atMs === null) continue;
    const x = xOf(atMs);
    if (x < left || x > scene.layout.widthPx) continue;
    ctx.beginPath();
    verticalLine(ctx, x, top - 10, rowsBottom);
    ctx.stroke();
    ctx.fillStyle = TIMELINE_COLOURS.marksEdge;
    ctx.textAlign = align;
    ctx.fillText(word, align === 'left' ? x + 4 : x - 4, top - 2);
  }
  ctx.textAlign = 'left';
}

function drawBookmarksAndPlayhead(ctx: TimelineContext, scene: TimelineScene, left: number, rowsBottom: number): void {
  const { view, layout } = scene;
  const xOf = (atMs: number) => left + (atMs - view.startMs) / view.msPerPx;
  const bottom = layout.rulerHeightPx;
  ctx.fillStyle = TIMELINE_COLOURS.bookmark;
  for (const bookmark of scene.bookmarks) {
    const x = Math.round(xOf(bookmark.atMs));
    if (x < left - 10 || x > layout.widthPx) continue;
    ctx.fillRect(x, bottom - 14, 2, 14);
    ctx.beginPath();
    ctx.moveTo(x + 2, bottom - 14);
    ctx.lineTo(x + 11, bottom - 10);
    ctx.lineTo(x + 2, bottom - 6);
    ctx.closePath();
    ctx.fill();
  }
  if (scene.playheadMs === null) return;
  const x = xOf(scene.playheadMs);
  if (x < left - 1 || x > layout.widthPx + 1) return;
  ctx.fillStyle = TIMELINE_COLOURS.playhead;
  ctx.fillRect(Math.round(x) - 1, bottom - 6, 2, rowsBottom - bottom + 6);
  ctx.beginPath();
  ctx.moveTo(x - 6, bottom - 12);
  ctx.lineTo(x + 6, bottom - 12);
  ctx.lineTo(x, bottom - 4);
  ctx.closePath();
  ctx.fill();
}

function drawLabels(ctx: TimelineContext, scene: TimelineScene, rowsBottom: number): void {
  const { layout, view, timeZone } = scene;
  const width = layout.labelWidthPx;
  ctx.fillStyle = TIMELINE_COLOURS.background;
  ctx.fillRect(0, 0, width, layout.heightPx);
  ctx.fillStyle = TIMELINE_COLOURS.ruler;
  ctx.fillRect(0, 0, width, layout.rulerHeightPx);
  // The date at the left edge, with the year, since the ruler's own labels leave it out.
  ctx.font = `600 12px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = TIMELINE_COLOURS.ink;
  ctx.fillText(fitText(ctx, partsInZone(view.startMs, timeZone).date, width - 16), 10, layout.rulerHeightPx / 2);
  scene.rows.forEach((row, index) => {
    const top = rowTop({ layout, row: index });
    if (row.selected) {
      ctx.fillStyle = TIMELINE_COLOURS.selectedRow;
      ctx.fillRect(0, top, width, layout.rowHeightPx);
      ctx.fillStyle = TIMELINE_COLOURS.clipEdge;
      ctx.fillRect(0, top, 4, layout.rowHeightPx);
    }
    ctx.font = `${row.selected ? '600 ' : ''}14px ${FONT}`;
    ctx.fillStyle = TIMELINE_COLOURS.ink;
    ctx.fillText(fitText(ctx, row.label, width - 20), 12, top + layout.rowHeightPx / 2);
  });
  ctx.strokeStyle = TIMELINE_COLOURS.line;
  ctx.lineWidth = 1;
  ctx.beginPath();
  verticalLine(ctx, width - 0.5, 0, Math.max(rowsBottom, layout.heightPx));
  ctx.stroke();
}

/** Paints the whole frame. `dpr` scales CSS pixels to the canvas's device pixels, for sharp lines and text. */
export function drawTimeline(options: { ctx: TimelineContext; scene: TimelineScene; dpr: number; hatch?: CanvasPattern | null }): DrawStats {
  const { ctx, scene, dpr } = options;
  const { layout } = scene;
  const stats: DrawStats = { bars: 0, visited: 0 };
  const left = layout.labelWidthPx;
  const rowsBottom = layout.rulerHeightPx + Math.max(scene.rows.length, 1) * layout.rowHeightPx;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = TIMELINE_COLOURS.background;
  ctx.fillRect(0, 0, layout.widthPx, layout.heightPx);
  if (timeAreaWidth({ layout }) > 1) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, 0, layout.widthPx - left, layout.heightPx);
    ctx.clip();
    drawRuler({ ctx, scene, left, rowsBottom });
    drawRows(ctx, scene, left, options.hatch ?? null, stats);
    drawClips(ctx, scene, left);
    drawMarks(ctx, scene, left, rowsBottom);
    drawBookmarksAndPlayhead(ctx, scene, left, rowsBottom);
    ctx.restore();
  }
  if (scene.rows.length === 0) {
    ctx.font = `14px ${FONT}`;
    ctx.fillStyle = TIMELINE_COLOURS.muted;
    ctx.textBaseline = 'middle';
    ctx.fillText('No recordings yet.', left + 12, layout.rulerHeightPx + layout.rowHeightPx / 2);
  }
  drawLabels(ctx, scene, rowsBottom);
  return stats;
}
