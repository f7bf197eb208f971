/** What a wheel turn or a key press does to the timeline, as pure decisions the controller then applies. */

export type ViewAction = { kind: 'zoom'; factor: number } | { kind: 'pan'; dx: number };

/** Wheel deltas come in pixels, lines or pages depending on the device; everything is turned into pixels. */
const LINE_PX = 16;
/** A mouse notch (100 px) zooms by about 1.2×: a week to seconds in some 55 notches, smooth enough to follow. */
const WHEEL_ZOOM_PER_PX = 0.002;
/** Trackpad pinches arrive as ctrl+wheel with small deltas, so each pixel counts for more. */
const PINCH_ZOOM_PER_PX = 0.01;
/** One event never zooms by more than e (about 2.7×), whatever a fast wheel reports. */
const MAX_ZOOM_EXPONENT = 1;
const KEY_ZOOM = 1.5;
const KEY_PAN_SHARE = 0.1;
const KEY_PAN_SHARE_FAST = 0.5;

function toPixels(delta: number, deltaMode: number, pagePx: number): number {
  if (deltaMode === 1) return delta * LINE_PX;
  if (deltaMode === 2) return delta * pagePx;
  return delta;
}

/**
 * Wheel and pinch zoom around the pointer; a sideways swipe (or shift+wheel) pans, as trackpad users expect. Turning
 * the wheel towards you (positive deltaY) zooms out.
 */
export function wheelAction(options: { deltaX: number; deltaY: number; deltaMode: number; ctrlKey: boolean; shiftKey: boolean; pagePx: number }): ViewAction | null {
  const dx = toPixels(options.deltaX, options.deltaMode, options.pagePx);
  const dy = toPixels(options.deltaY, options.deltaMode, options.pagePx);
  if (!options.ctrlKey && options.shiftKey && dx === 0) return dy === 0 ? null : { kind: 'pan', dx: -dy };
  if (!options.ctrlKey && Math.abs(dx) > Math.abs(dy)) return { kind: 'pan', dx: -dx };
  if (dy === 0) return null;
  const exponent = dy * (options.ctrlKey ? PINCH_ZOOM_PER_PX : WHEEL_ZOOM_PER_PX);
  return { kind: 'zoom', factor: Math.exp(Math.min(Math.max(exponent, -MAX_ZOOM_EXPONENT), MAX_ZOOM_EXPONENT)) };
}

/** Arrow keys move along the timeline (a tenth of its width, half with shift); + and - zoom. */
export function keyAction(options: { key: string; shiftKey: boolean; widthPx: number }): ViewAction | null {
  const share = options.shiftKey ? KEY_PAN_SHARE_FAST : KEY_PAN_SHARE;
  switch (options.key) {
    case 'ArrowLeft':
      return { kind: 'pan', dx: options.widthPx * share };
    case 'ArrowRight':
      return { kind: 'pan', dx: -options.widthPx * share };
    case '+':
    case '=':
    case 'Add':
      return { kind: 'zoom', factor: 1 / KEY_ZOOM };
    case '-':
    case '_':
    case 'Subtract':
      return { kind: 'zoom', factor: KEY_ZOOM };
    default:
      return null;
  }
}

/** Buttons zoom by the same step as the keys. */
export const BUTTON_ZOOM = KEY_ZOOM;

/** A press that moves less than this is a click (set the playhead), not a drag. */
export const DRAG_THRESHOLD_PX = 4;
