/**
 * The timeline's imperative half: the view lives here, not in React state, so a wheel turn or a drag redraws the
 * canvas on the next animation frame without re-rendering any component. React hands in new props with `update`;
 * pointer, wheel and key events change the view directly; a frame is drawn only when something has changed.
 */
import { PROBLEM_HATCH_SIZE, paintHatch } from './timeline-hatch';
import { drawTimeline, type DrawStats } from './timeline-draw';
import { BUTTON_ZOOM, DRAG_THRESHOLD_PX, keyAction, wheelAction, type ViewAction } from './timeline-input';
import { EMPTY_INPUTS, sameInputs, type ControllerInputs } from './timeline-scene-inputs';
import { bookmarkAt, hitTest, layoutFor, timeAreaWidth, type TimelineHit, type TimelineLayout } from './timeline-layout';
import {
  HOUR_MS,
  centerOn,
  fitRange,
  keepNearRange,
  panBy,
  resizeView,
  reveal,
  sameView,
  timeToX,
  viewRange,
  xToTime,
  zoomAt,
  type TimeRange,
  type TimelineView,
} from './timeline-view';

export interface ControllerCallbacks {
  onSeek: (atMs: number) => void;
  onSelectRow: (row: number) => void;
  /** After the view has stopped moving for a moment: not on every frame of a drag. */
  onViewChange?: (range: TimeRange) => void;
  onDraw?: (stats: DrawStats & { drawMs: number }) => void;
}

const SETTLE_MS = 150;

interface Drag {
  pointerId: number;
  startX: number;
  startView: TimelineView;
  moved: boolean;
}

export class TimelineController {
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private hatch: CanvasPattern | null = null;
  private layout: TimelineLayout = layoutFor({ widthPx: 0, rows: 0 });
  /** An hour around now until there is footage to fit or a playhead to show; the real width comes with `measure`. */
  private view: TimelineView = { startMs: Date.now() - HOUR_MS / 2, msPerPx: HOUR_MS, widthPx: 1 };
  private inputs: ControllerInputs = EMPTY_INPUTS;
  private callbacks: ControllerCallbacks = { onSeek: () => undefined, onSelectRow: () => undefined };
  private frame = 0;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private fitted = false;
  private drag: Drag | null = null;

  /** Starts drawing on `canvas` and listening to it; returns the matching detach. */
  attach(canvas: HTMLCanvasElement): () => void {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.hatch = this.makeHatch();
    const observer = new ResizeObserver(() => this.measure());
    try {
      // Device pixels change when the window moves to a screen with another pixel ratio, too: the canvas stays sharp.
      observer.observe(canvas, { box: 'device-pixel-content-box' });
    } catch {
      observer.observe(canvas);
    }
    // Wheel needs a non-passive listener to stop the page scrolling; React's onWheel is passive.
    canvas.addEventListener('wheel', this.onWheel, { passive: false });
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointercancel', this.onPointerCancel);
    canvas.addEventListener('keydown', this.onKeyDown);
    this.measure();
    return () => {
      observer.disconnect();
      canvas.removeEventListener('wheel', this.onWheel);
      canvas.removeEventListener('pointerdown', this.onPointerDown);
      canvas.removeEventListener('pointermove', this.onPointerMove);
      canvas.removeEventListener('pointerup', this.onPointerUp);
      canvas.removeEventListener('pointercancel', this.onPointerCancel);
      canvas.removeEventListener('keydown', this.onKeyDown);
      if (this.frame) cancelAnimationFrame(this.frame);
      if (this.settleTimer) clearTimeout(this.settleTimer);
      this.frame = 0;
      this.settleTimer = null;
      this.canvas = null;
      this.ctx = null;
    };
  }

  /** New props from React: cheap, whatever changed; the frame is drawn later, at most once. */
  update(options: { inputs: ControllerInputs; callbacks: ControllerCallbacks }): void {
    const { inputs, callbacks } = options;
    const previous = this.inputs;
    this.inputs = inputs;
    this.callbacks = callbacks;
    if (inputs.rows.length !== previous.rows.length) this.measure();
    if (!this.fitted) this.fitAll();
    const playhead = inputs.playheadMs;
    // Playback running off the right edge, or a seek from elsewhere (the clip list), brings the playhead back into view.
    if (playhead !== null && playhead !== previous.playheadMs && !this.drag) this.setView(reveal({ view: this.view, atMs: playhead }), false);
    if (!sameInputs({ a: previous, b: inputs })) this.requestDraw();
  }

  zoomBy(options: { factor: number; anchorX?: number }): void {
    const anchorX = options.anchorX ?? this.defaultAnchor();
    this.setView(zoomAt({ view: this.view, anchorX, factor: options.factor }), true);
  }

  zoomIn(): void {
    this.zoomBy({ factor: 1 / BUTTON_ZOOM });
  }

  zoomOut(): void {
    this.zoomBy({ factor: BUTTON_ZOOM });
  }

  /** Shows every camera's footage; nothing to fit before there is any. */
  fitAll(): void {
    const { span } = this.inputs;
    if (!span || this.layout.widthPx <= 0) return;
    this.fitted = true;
    this.setView(fitRange({ range: span, widthPx: this.view.widthPx }), false);
  }

  centerOn(options: { atMs: number }): void {
    this.setView(centerOn({ view: this.view, atMs: options.atMs }), false);
  }

  currentView(): TimelineView {
    return this.view;
  }

  /** Zoom buttons and keys zoom around the playhead when it is in view, so it stays put. */
  private defaultAnchor(): number {
    const { playheadMs } = this.inputs;
    const x = playheadMs === null ? -1 : timeToX({ view: this.view, atMs: playheadMs });
    return x >= 0 && x <= this.view.widthPx ? x : this.view.widthPx / 2;
  }

  /** Footage plus the playhead: where the middle of the view may wander. */
  private bounds(): TimeRange | null {
    const { span, playheadMs } = this.inputs;
    if (!span) return null;
    return playheadMs === null ? span : { startMs: Math.min(span.startMs, playheadMs), endMs: Math.max(span.endMs, playheadMs) };
  }

  private setView(view: TimelineView, keepNear: boolean): void {
    const next = keepNear ? keepNearRange({ view, range: this.bounds() }) : view;
    if (sameView({ a: next, b: this.view })) return;
    this.view = next;
    this.requestDraw();
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.callbacks.onViewChange?.(viewRange({ view: this.view }));
    }, SETTLE_MS);
  }

  private apply(action: ViewAction, anchorX?: number): void {
    if (action.kind === 'zoom') this.zoomBy({ factor: action.factor, anchorX });
    else this.setView(panBy({ view: this.view, dx: action.dx }), true);
  }

  private measure(): void {
    if (!this.canvas) return;
    const widthPx = this.canvas.clientWidth;
    this.layout = layoutFor({ widthPx, rows: this.inputs.rows.length });
    this.view = resizeView({ view: this.view, widthPx: timeAreaWidth({ layout: this.layout }) });
    if (!this.fitted) this.fitAll();
    this.requestDraw();
  }

  private requestDraw(): void {
    if (this.frame || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const { canvas, ctx } = this;
    if (!canvas || !ctx || this.layout.widthPx <= 0) return;
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.round(this.layout.widthPx * dpr);
    const height = Math.round(this.layout.heightPx * dpr);
    // Checked every frame, so moving the window to a screen with another pixel ratio stays sharp.
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const { rows, timeZone, playheadMs, clips, inMs, outMs, bookmarks } = this.inputs;
    const scene = { layout: this.layout, view: this.view, rows, timeZone, playheadMs, clips, inMs, outMs, bookmarks };
    const stats = drawTimeline({ ctx, scene, dpr, hatch: this.hatch });
    this.callbacks.onDraw?.({ ...stats, drawMs: performance.now() - started });
  }

  private makeHatch(): CanvasPattern | null {
    const tile = document.createElement('canvas');
    tile.width = PROBLEM_HATCH_SIZE;
    tile.height = PROBLEM_HATCH_SIZE;
    const tileCtx = tile.getContext('2d');
    if (!tileCtx || !this.ctx) return null;
    paintHatch({ ctx: tileCtx });
    return this.ctx.createPattern(tile, 'repeat');
  }

  private pointerHit(event: MouseEvent): TimelineHit {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return hitTest({ layout: this.layout, x: event.clientX - rect.left, y: event.clientY - rect.top });
  }

  private readonly onWheel = (event: WheelEvent): void => {
    const action = wheelAction({ ...pick(event), pagePx: this.view.widthPx });
    if (!action) return;
    event.preventDefault();
    const hit = this.pointerHit(event);
    this.apply(action, hit.area === 'ruler' || hit.area === 'row' ? hit.timeX : undefined);
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || !this.canvas) return;
    this.canvas.setPointerCapture(event.pointerId);
    this.drag = { pointerId: event.pointerId, startX: event.clientX, startView: this.view, moved: false };
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) {
      this.showTooltip(event);
      return;
    }
    const dx = event.clientX - drag.startX;
    if (!drag.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    if (!drag.moved && this.canvas) this.canvas.style.cursor = 'grabbing';
    drag.moved = true;
    this.setView(panBy({ view: drag.startView, dx }), true);
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.onPointerCancel();
    if (drag.moved) return;
    const hit = this.pointerHit(event);
    if (hit.area === 'label' || hit.area === 'row') this.callbacks.onSelectRow(hit.row);
    if (hit.area === 'ruler' || hit.area === 'row') this.callbacks.onSeek(Math.round(xToTime({ view: this.view, x: hit.timeX })));
  };

  private readonly onPointerCancel = (): void => {
    this.drag = null;
    if (this.canvas) this.canvas.style.cursor = '';
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = keyAction({ key: event.key, shiftKey: event.shiftKey, widthPx: this.view.widthPx });
    if (!action) return;
    event.preventDefault();
    this.apply(action, action.kind === 'zoom' ? this.defaultAnchor() : undefined);
  };

  /** A bookmark's note or a clip's label under the pointer, as the canvas's tooltip. */
  private showTooltip(event: PointerEvent): void {
    if (!this.canvas) return;
    const hit = this.pointerHit(event);
    let title = '';
    if (hit.area === 'ruler') title = bookmarkAt({ bookmarks: this.inputs.bookmarks, view: this.view, timeX: hit.timeX })?.note ?? '';
    if (hit.area === 'row') {
      const atMs = xToTime({ view: this.view, x: hit.timeX });
      title = this.inputs.clips.find((clip) => clip.row === hit.row && clip.startMs <= atMs && clip.endMs >= atMs)?.title ?? '';
    }
    if (this.canvas.title !== title) this.canvas.title = title;
  }
}

function pick(event: WheelEvent): { deltaX: number; deltaY: number; deltaMode: number; ctrlKey: boolean; shiftKey: boolean } {
  return { deltaX: event.deltaX, deltaY: event.deltaY, deltaMode: event.deltaMode, ctrlKey: event.ctrlKey, shiftKey: event.shiftKey };
}
