import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CameraRef, TimelineCamera } from '../../../../src-shared/domain/review';
import { isValidTimeZone } from '../../../../src-shared/domain/time';
import { instantFromLocalInput, jumpNote, localInputValue, playheadTexts } from './timeline-clock';
import { TimelineController } from './timeline-controller';
import { overallSpan, recordingIndexFor } from './timeline-coverage';
import type { DrawClip, DrawRow, DrawStats } from './timeline-draw';
import { canvasHeightFor } from './timeline-layout';
import type { TimeRange } from './timeline-view';
import './timeline.css';

export interface TimelineClip extends CameraRef {
  startMs: number;
  endMs: number;
  label: string;
}

export interface TimelineBookmark {
  atMs: number;
  note: string;
}

export interface TimelineProps {
  /** Keep the same array (and the same `segments` arrays) between renders: each camera's index is built once per array. */
  cameras: readonly TimelineCamera[];
  /** The recorder's zone: ruler labels and "Jump to" read its wall clock. */
  timeZone: string;
  /** Recorder clock minus true time, in seconds; null when the clock has not been checked. */
  clockOffsetS: number | null;
  /** True time, ms since the epoch. */
  playheadMs: number | null;
  onSeek: (atMs: number) => void;
  selected: CameraRef | null;
  onSelectCamera: (camera: CameraRef) => void;
  clips?: readonly TimelineClip[];
  /** The in and out marks being set, shown as a band across the cameras. */
  inMs?: number | null;
  outMs?: number | null;
  bookmarks?: readonly TimelineBookmark[];
  /** The visible stretch of time, once it has stopped moving (e.g. for a strip of thumbnails). */
  onViewChange?: (range: TimeRange) => void;
  /** Each frame's drawing time, for the benchmark. */
  onDraw?: (stats: DrawStats & { drawMs: number }) => void;
}

const NO_CLIPS: readonly TimelineClip[] = [];
const NO_BOOKMARKS: readonly TimelineBookmark[] = [];
const cameraKeyOf = (camera: CameraRef) => `${camera.sourceId}\u0000${camera.cameraKey}`;

interface JumpState {
  text: string;
  /** False while the field follows the playhead; true once the user has typed in it. */
  edited: boolean;
  note: string | null;
  alternativeMs: number | null;
}

/**
 * Step 1's timeline: every camera's recordings on one canvas, with the playhead, the clips, the in and out marks and
 * the bookmarks. Wheel or pinch zooms, dragging pans, a click moves the playhead and picks the camera.
 */
export function Timeline(props: TimelineProps) {
  const { cameras, clockOffsetS, playheadMs, selected } = props;
  // Zones are checked when a footage folder is added; this only keeps a bad one from taking the whole page down.
  const timeZone = isValidTimeZone(props.timeZone) ? props.timeZone : 'UTC';
  const [controller] = useState(() => new TimelineController());
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [jump, setJump] = useState<JumpState>({ text: '', edited: false, note: null, alternativeMs: null });

  // The heavy part, per `cameras` array only: a running maximum over each camera's recordings.
  const indexed = useMemo(() => {
    const indexes = cameras.map((camera) => recordingIndexFor({ segments: camera.segments }));
    const rowOf = new Map(cameras.map((camera, row) => [cameraKeyOf(camera), row]));
    return { indexes, rowOf, span: overallSpan({ indexes }) };
  }, [cameras]);

  useEffect(() => {
    const canvas = canvasRef.current;
    return canvas ? controller.attach(canvas) : undefined;
  }, [controller]);

  // Every render hands the latest props over; the controller redraws at most once per animation frame.
  useEffect(() => {
    const selectedKey = selected ? cameraKeyOf(selected) : null;
    const rows: DrawRow[] = cameras.map((camera, row) => ({ label: camera.label, index: indexed.indexes[row]!, selected: cameraKeyOf(camera) === selectedKey }));
    const clips: Array<DrawClip & { title: string }> = [];
    for (const clip of props.clips ?? NO_CLIPS) {
      const row = indexed.rowOf.get(cameraKeyOf(clip));
      if (row !== undefined) clips.push({ row, startMs: clip.startMs, endMs: clip.endMs, label: clip.label, title: clip.label || 'Clip' });
    }
    const { onSeek, onSelectCamera, onViewChange, onDraw } = props;
    controller.update({
      inputs: { rows, span: indexed.span, timeZone, playheadMs, clips, inMs: props.inMs ?? null, outMs: props.outMs ?? null, bookmarks: props.bookmarks ?? NO_BOOKMARKS },
      callbacks: {
        onSeek,
        onSelectRow: (row) => {
          const camera = cameras[row];
          if (camera) onSelectCamera({ sourceId: camera.sourceId, cameraKey: camera.cameraKey });
        },
        onViewChange,
        onDraw,
      },
    });
  });

  const texts = playheadTexts({ playheadMs, clockOffsetS, timeZone });
  const jumpValue = jump.edited || playheadMs === null ? jump.text : localInputValue({ instantMs: playheadMs, timeZone });
  const names = cameras.map((camera) => camera.label).join(', ');
  const canvasLabel =
    `Timeline of ${cameras.length === 1 ? 'one camera' : `${cameras.length} cameras`}${names ? ` (${names})` : ''}. ${texts.trueTime}. ` +
    'Drag or use the arrow keys to move along it, plus and minus to zoom, and click to move the playhead there.';

  const goTo = (atMs: number) => {
    controller.centerOn({ atMs });
    props.onSeek(atMs);
  };

  const submitJump = (event: FormEvent) => {
    event.preventDefault();
    const target = instantFromLocalInput({ value: jumpValue, timeZone });
    if (!target) {
      setJump({ ...jump, note: 'Please enter a date and a time to jump to.', alternativeMs: null });
      return;
    }
    goTo(target.instantMs);
    setJump({ text: '', edited: false, note: jumpNote({ target, timeZone }), alternativeMs: target.alternativeInstantMs });
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-toolbar">
        <div className="timeline-zoom" role="group" aria-label="Zoom">
          <button type="button" className="button secondary timeline-button" data-testid="timeline-zoom-out" aria-label="Zoom out" onClick={() => controller.zoomOut()}>
            −
          </button>
          <button type="button" className="button secondary timeline-button" data-testid="timeline-zoom-in" aria-label="Zoom in" onClick={() => controller.zoomIn()}>
            +
          </button>
          <button type="button" className="button secondary timeline-button" data-testid="timeline-fit" onClick={() => controller.fitAll()}>
            Fit all
          </button>
        </div>
        <form className="timeline-jump" onSubmit={submitJump}>
          <label>
            <span>Jump to</span>
            <input
              type="datetime-local"
              step={1}
              data-testid="timeline-jump"
              value={jumpValue}
              onChange={(event) => setJump({ text: event.target.value, edited: true, note: null, alternativeMs: null })}
            />
          </label>
          <button type="submit" className="button secondary timeline-button" data-testid="timeline-jump-go">
            Go
          </button>
        </form>
      </div>
      <canvas
        ref={canvasRef}
        className="timeline-canvas"
        data-testid="timeline-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="timeline"
        aria-label={canvasLabel}
        style={{ height: canvasHeightFor({ rows: cameras.length }) }}
      />
      <p className="timeline-clock">
        <span data-testid="timeline-playhead-true" className="timeline-true">
          {texts.trueTime}
        </span>
        <span data-testid="timeline-playhead-recorder" className="timeline-recorder">
          {texts.recorderTime}
        </span>
      </p>
      {jump.note && (
        <p className="timeline-note small" role="status">
          {jump.note}
          {jump.alternativeMs !== null && (
            <button
              type="button"
              className="button link"
              onClick={() => {
                if (jump.alternativeMs !== null) goTo(jump.alternativeMs);
                setJump({ ...jump, note: null, alternativeMs: null });
              }}
            >
              Show the second time
            </button>
          )}
        </p>
      )}
      <ul className="timeline-legend small" aria-label="What the colours mean">
        <li><span className="timeline-swatch regular" aria-hidden="true" />Recording</li>
        <li><span className="timeline-swatch motion" aria-hidden="true" />Motion</li>
        <li><span className="timeline-swatch alarm" aria-hidden="true" />Alarm</li>
        <li><span className="timeline-swatch problem" aria-hidden="true" />Damaged or unreadable recording</li>
        <li><span className="timeline-swatch gap" aria-hidden="true" />No recording</li>
        <li><span className="timeline-swatch clip" aria-hidden="true" />Clip</li>
      </ul>
    </section>
  );
}
