/** The ruler along the top of the timeline: ticks on the recorder's wall clock, and grid lines down through the rows. */
import { TIMELINE_COLOURS, TIMELINE_FONT as FONT } from './timeline-colours';
import type { TimelineContext, TimelineScene } from './timeline-draw';
import { minorStepFor, pickTickStep, rulerTicks, tickInstants } from './timeline-ticks';
import { viewRange } from './timeline-view';

function verticalLine(ctx: TimelineContext, x: number, top: number, bottom: number): void {
  ctx.moveTo(x, top);
  ctx.lineTo(x, bottom);
}

/** `left` is where the time area starts; grid lines run down to `rowsBottom`. */
export function drawRuler(options: { ctx: TimelineContext; scene: TimelineScene; left: number; rowsBottom: number }): void {
  const { ctx, scene, left, rowsBottom } = options;
  const { layout, view, timeZone } = scene;
  const rulerBottom = layout.rulerHeightPx;
  const stepMs = pickTickStep({ msPerPx: view.msPerPx });
  const minorMs = minorStepFor({ stepMs, msPerPx: view.msPerPx });
  const range = viewRange({ view });
  ctx.fillStyle = TIMELINE_COLOURS.ruler;
  ctx.fillRect(left, 0, layout.widthPx - left, rulerBottom);

  ctx.lineWidth = 1;
  if (minorMs !== null) {
    ctx.strokeStyle = TIMELINE_COLOURS.line;
    ctx.beginPath();
    for (const atMs of tickInstants({ fromMs: range.startMs, toMs: range.endMs, stepMs: minorMs, timeZone })) {
      const x = Math.round(left + (atMs - view.startMs) / view.msPerPx) + 0.5;
      verticalLine(ctx, x, rulerBottom - 5, rulerBottom);
    }
    ctx.stroke();
  }

  const ticks = rulerTicks({ view, timeZone, stepMs });
  ctx.strokeStyle = TIMELINE_COLOURS.grid;
  ctx.beginPath();
  for (const tick of ticks) verticalLine(ctx, Math.round(left + (tick.atMs - view.startMs) / view.msPerPx) + 0.5, rulerBottom, rowsBottom);
  ctx.stroke();
  ctx.strokeStyle = TIMELINE_COLOURS.muted;
  ctx.beginPath();
  for (const tick of ticks) verticalLine(ctx, Math.round(left + (tick.atMs - view.startMs) / view.msPerPx) + 0.5, rulerBottom - 12, rulerBottom);
  ctx.stroke();

  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  for (const tick of ticks) {
    const x = left + (tick.atMs - view.startMs) / view.msPerPx;
    // A label cut by the left edge reads as nonsense ("Mar", "32"); the corner already shows the date there.
    if (x < left) continue;
    ctx.font = `${tick.dayStart ? '600 ' : ''}12px ${FONT}`;
    ctx.fillStyle = tick.dayStart ? TIMELINE_COLOURS.ink : TIMELINE_COLOURS.muted;
    ctx.fillText(tick.label, x + 4, rulerBottom - 16);
  }
  ctx.strokeStyle = TIMELINE_COLOURS.line;
  ctx.beginPath();
  ctx.moveTo(left, rulerBottom + 0.5);
  ctx.lineTo(layout.widthPx, rulerBottom + 0.5);
  ctx.stroke();
}

