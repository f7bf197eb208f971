/** The tile behind the hatching of damaged or unreadable recordings: stripes read as "problem" even in greyscale. */
import { TIMELINE_COLOURS } from './timeline-colours';

export const PROBLEM_HATCH_SIZE = 8;

export function paintHatch(options: { ctx: Pick<CanvasRenderingContext2D, 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'fillRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke'> }): void {
  const { ctx } = options;
  const size = PROBLEM_HATCH_SIZE;
  ctx.fillStyle = TIMELINE_COLOURS.problemBackground;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = TIMELINE_COLOURS.problem;
  ctx.lineWidth = 2;
  ctx.beginPath();
  // Corner to corner plus the two corner stubs, so tiles join into unbroken diagonal stripes.
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-1, 1);
  ctx.lineTo(1, -1);
  ctx.moveTo(size - 1, size + 1);
  ctx.lineTo(size + 1, size - 1);
  ctx.stroke();
}
