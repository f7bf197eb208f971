import { useEffect, useRef, useState } from 'react';
import type { CameraRef, PlaybackPlan } from '../../../src-shared/domain/review';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { formatInZone } from '../footage/footage-format';

/** How far a following camera may drift from the shared clock before it is put back (a proxy re-starts, so more). */
const DRIFT_DIRECT_MS = 400;
const DRIFT_PROXY_MS = 2500;

export interface SeekRequest {
  atMs: number;
  /** Bumped on every explicit seek (click, jump, frame step), so the same instant twice still seeks. */
  id: number;
}

export interface CameraPlayerProps {
  camera: CameraRef;
  label: string;
  timeZone: string;
  seek: SeekRequest;
  /** The shared clock: the lead camera reports it, the others follow it. */
  playheadMs: number;
  playing: boolean;
  rate: number;
  /** The lead camera drives the playhead and crosses from one recording to the next. */
  lead: boolean;
  selected: boolean;
  onSelect: () => void;
  onTime: (ms: number) => void;
  /** An explicit seek of every camera (e.g. "Go to the next recording"). */
  onSeek: (ms: number) => void;
  onPlan?: (plan: PlaybackPlan | null) => void;
}

type Status = { kind: 'loading' } | { kind: 'playing'; plan: PlaybackPlan } | { kind: 'empty'; message: string; nextStartMs: number | null } | { kind: 'error'; message: string };

/**
 * One camera's video at a true instant. Main says where the footage is (`review.locate`): a file streamed as it is, or
 * a converted stream for codecs the browser cannot play. Crossing from one recording into the next asks again.
 */
export function CameraPlayer(props: CameraPlayerProps) {
  const api = useApi();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const planRef = useRef<PlaybackPlan | null>(null);
  // From a new src until its first seek is asked for: the element reports time 0 of the new file meanwhile, which
  // would pull the shared clock back to the recording's start (seen on a busy machine right after a jump).
  const awaitingStart = useRef(false);
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const locateSeq = useRef(0);
  const { sourceId, cameraKey } = props.camera;

  /** Asks main where the footage at `atMs` is and points the video element at it. */
  const goTo = useRef((atMs: number) => {
    const seq = ++locateSeq.current;
    const { camera } = latest.current;
    api.review.locate({ camera, atMs: Math.round(atMs) }).then(
      (result) => {
        if (seq !== locateSeq.current) return;
        const video = videoRef.current;
        if (!result.found) {
          planRef.current = null;
          latest.current.onPlan?.(null);
          video?.pause();
          video?.removeAttribute('src');
          video?.load();
          setStatus({ kind: 'empty', message: result.message, nextStartMs: result.nextStartMs });
          return;
        }
        const plan = result.plan;
        const sameMedia = planRef.current?.url === plan.url && plan.mode === 'direct';
        planRef.current = plan;
        latest.current.onPlan?.(plan);
        setStatus({ kind: 'playing', plan });
        if (!video) return;
        const start = () => {
          awaitingStart.current = false;
          video.currentTime = plan.startAtS;
          video.playbackRate = latest.current.rate;
          if (latest.current.playing) void video.play().catch(() => undefined);
        };
        if (sameMedia) start();
        else {
          awaitingStart.current = true;
          video.src = plan.url;
          video.addEventListener('loadedmetadata', start, { once: true });
        }
      },
      (error: unknown) => seq === locateSeq.current && setStatus({ kind: 'error', message: errorMessage(error) }),
    );
  });

  // Explicit seeks, and a new camera.
  useEffect(() => {
    goTo.current(props.seek.atMs);
  }, [props.seek.id, props.seek.atMs, sourceId, cameraKey]);

  // Play, pause and speed.
  useEffect(() => {
    const video = videoRef.current;
    if (!video || status.kind !== 'playing') return;
    video.playbackRate = props.rate;
    if (props.playing) void video.play().catch(() => undefined);
    else video.pause();
  }, [props.playing, props.rate, status.kind]);

  // A following camera keeps to the shared clock; one showing "no recording" looks again when the clock moves on.
  useEffect(() => {
    if (props.lead) return;
    const plan = planRef.current;
    const video = videoRef.current;
    if (!plan || !video) {
      if (status.kind === 'empty' && status.nextStartMs !== null && props.playheadMs >= status.nextStartMs) goTo.current(props.playheadMs);
      return;
    }
    if (props.playheadMs < plan.recordingStartMs || props.playheadMs >= plan.recordingEndMs) return goTo.current(props.playheadMs);
    const shownMs = plan.mediaZeroMs + video.currentTime * 1000;
    const drift = Math.abs(shownMs - props.playheadMs);
    if (plan.mode === 'direct' && drift > DRIFT_DIRECT_MS) video.currentTime = (props.playheadMs - plan.mediaZeroMs) / 1000;
    else if (plan.mode === 'proxy' && drift > DRIFT_PROXY_MS) goTo.current(props.playheadMs);
  }, [props.lead, props.playheadMs, status]);

  const onTimeUpdate = () => {
    const plan = planRef.current;
    const video = videoRef.current;
    if (!plan || !video || !latest.current.lead || awaitingStart.current || video.seeking) return;
    const shownMs = plan.mediaZeroMs + video.currentTime * 1000;
    latest.current.onTime(shownMs);
    // The next recording takes over at this one's end (names give whole seconds; the file may run a little past).
    if (latest.current.playing && shownMs >= plan.recordingEndMs) goTo.current(plan.recordingEndMs);
  };
  const onEnded = () => {
    const plan = planRef.current;
    if (plan && latest.current.lead && latest.current.playing) goTo.current(Math.max(plan.recordingEndMs, plan.mediaZeroMs + (videoRef.current?.currentTime ?? 0) * 1000 + 1));
  };

  return (
    <figure
      className={`camera-player${props.selected ? ' selected' : ''}`}
      data-testid="camera-player"
      data-camera={cameraKey}
      aria-label={`Camera ${props.label}`}
      onClick={props.onSelect}
    >
      <div className="camera-video">
        <video ref={videoRef} muted playsInline preload="auto" data-testid="camera-video" onTimeUpdate={onTimeUpdate} onEnded={onEnded} />
        {status.kind === 'loading' && <p className="camera-overlay">Finding the recording…</p>}
        {status.kind === 'error' && (
          <p className="camera-overlay problem" role="alert">
            {status.message}
          </p>
        )}
        {status.kind === 'empty' && (
          <div className="camera-overlay">
            <p>{status.message}</p>
            {status.nextStartMs !== null && (
              <button
                type="button"
                className="button secondary"
                onClick={(event) => {
                  event.stopPropagation();
                  if (status.nextStartMs !== null) props.onSeek(status.nextStartMs);
                }}
              >
                Go to the next recording ({formatInZone(status.nextStartMs, props.timeZone)})
              </button>
            )}
          </div>
        )}
      </div>
      <figcaption>
        <strong>{props.label}</strong>
        {status.kind === 'playing' && status.plan.mode === 'proxy' && (
          <span className="muted small" title={status.plan.note}>
            {' '}
            · converted as it plays
          </span>
        )}
      </figcaption>
    </figure>
  );
}
