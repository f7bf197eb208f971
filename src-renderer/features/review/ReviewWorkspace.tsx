import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CameraRef, PlaybackPlan, ReviewState, ReviewTimeline } from '../../../src-shared/domain/review';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInZone } from '../footage/footage-format';
import { CameraPlayer, type SeekRequest } from './CameraPlayer';
import { ClipList } from './ClipList';
import { BookmarkList, StillList } from './NotesLists';
import { PlayerControls } from './PlayerControls';
import { RetentionNotice } from './RetentionNotice';
import { GRID_LAYOUTS, nextShuttle, SHUTTLE_STOPPED, type GridLayout, type Shuttle } from './review-format';
import { ThumbnailStrip } from './ThumbnailStrip';
import { Timeline } from './timeline/Timeline';

const sameCamera = (a: CameraRef | null, b: CameraRef | null) => a !== null && b !== null && a.sourceId === b.sourceId && a.cameraKey === b.cameraKey;
const cameraId = (camera: CameraRef) => `${camera.sourceId}/${camera.cameraKey}`;

/** Keys typed into a field belong to the field, not to the player. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.dataset.testid === 'timeline-canvas';
}

/**
 * Step 1's review screen: the case's cameras on one timeline, a player (one camera or a synchronised grid), and the
 * clips, notes and stills marked so far. Everything marked is saved in main straight away, so nothing is lost.
 */
export function ReviewWorkspace(props: { caseId: string; timeline: ReviewTimeline; state: ReviewState; onStateChanged: () => void; onTimelineChanged: () => void }) {
  const api = useApi();
  const { caseId, timeline, state } = props;
  const cameras = timeline.cameras;
  const firstCamera: CameraRef | null = cameras[0] ? { sourceId: cameras[0].sourceId, cameraKey: cameras[0].cameraKey } : null;
  const [selected, setSelected] = useState<CameraRef | null>(firstCamera);
  const selectedCamera = cameras.find((camera) => sameCamera(camera, selected)) ?? cameras[0] ?? null;
  const source = timeline.sources.find((item) => item.id === selectedCamera?.sourceId) ?? timeline.sources[0] ?? null;
  const timeZone = source?.timeZone ?? 'UTC';
  // Unchecked or skipped: the timeline says so rather than showing a recorder time that only looks right.
  const clockOffsetS = source && (source.clockCheck === 'measured' || source.clockCheck === 'entered') ? source.clockOffsetS : null;

  const [seek, setSeek] = useState<SeekRequest>(() => ({ atMs: timeline.startMs ?? Date.now(), id: 0 }));
  const [playheadMs, setPlayheadMs] = useState(seek.atMs);
  const [shuttle, setShuttle] = useState<Shuttle>(SHUTTLE_STOPPED);
  const [layout, setLayout] = useState<GridLayout>('single');
  const [inMs, setInMs] = useState<number | null>(null);
  const [outMs, setOutMs] = useState<number | null>(null);
  const [alsoOn, setAlsoOn] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [viewRange, setViewRange] = useState<{ startMs: number; endMs: number } | null>(null);
  const [leadFrameRate, setLeadFrameRate] = useState<number | null>(null);
  const playheadRef = useRef(playheadMs);
  useEffect(() => {
    playheadRef.current = playheadMs;
  }, [playheadMs]);

  const seekTo = useCallback((atMs: number) => {
    playheadRef.current = atMs;
    setPlayheadMs(atMs);
    setSeek((current) => ({ atMs, id: current.id + 1 }));
  }, []);

  const visibleCameras = useMemo(() => {
    if (!selectedCamera) return [];
    const count = GRID_LAYOUTS[layout];
    if (count === 1) return [selectedCamera];
    // The selected camera first, then the others in timeline order.
    return [selectedCamera, ...cameras.filter((camera) => !sameCamera(camera, selectedCamera))].slice(0, count);
  }, [cameras, selectedCamera, layout]);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      if (done) setNotice(done);
      props.onStateChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const frameMs = 1000 / (leadFrameRate ?? 25);
  const stepFrame = useCallback(
    (by: -1 | 1) => {
      setShuttle(SHUTTLE_STOPPED);
      seekTo(Math.round(playheadRef.current + by * frameMs));
    },
    [frameMs, seekTo],
  );

  // Browsers cannot play backwards, so J steps back a quarter second at a time, faster on each press.
  useEffect(() => {
    if (shuttle.direction !== -1) return undefined;
    const timer = setInterval(() => seekTo(playheadRef.current - 250 * shuttle.rate), 250);
    return () => clearInterval(timer);
  }, [shuttle, seekTo]);

  const markIn = () => setInMs(Math.round(playheadRef.current));
  const markOut = () => setOutMs(Math.round(playheadRef.current));
  const clipCameras = (): CameraRef[] => {
    if (!selectedCamera) return [];
    const extra = cameras.filter((camera) => alsoOn.includes(cameraId(camera)) && !sameCamera(camera, selectedCamera));
    return [selectedCamera, ...extra].map((camera) => ({ sourceId: camera.sourceId, cameraKey: camera.cameraKey }));
  };
  const saveClip = () => {
    if (inMs === null || outMs === null) return;
    const [startMs, endMs] = inMs <= outMs ? [inMs, outMs] : [outMs, inMs];
    void run(async () => {
      await api.review.addClips({ caseId, cameras: clipCameras(), startMs, endMs });
      setInMs(null);
      setOutMs(null);
    }, 'Clip saved.');
  };
  const takeStill = () => {
    if (!selectedCamera) return;
    setShuttle(SHUTTLE_STOPPED);
    const atMs = Math.round(playheadRef.current);
    const camera = { sourceId: selectedCamera.sourceId, cameraKey: selectedCamera.cameraKey };
    void run(() => api.review.takeStill({ caseId, camera, atMs }), 'Still saved at full resolution.');
  };
  const addBookmark = () => {
    const camera = selectedCamera ? { sourceId: selectedCamera.sourceId, cameraKey: selectedCamera.cameraKey } : null;
    void run(() => api.review.addBookmark({ caseId, camera, atMs: Math.round(playheadRef.current), note: '' }), 'Note added: write what you see in the list on the right.');
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'j' || key === 'k' || key === 'l') setShuttle((current) => nextShuttle({ current, key }));
      else if (key === ' ') setShuttle((current) => (current.direction === 0 ? { direction: 1, rate: 1 } : SHUTTLE_STOPPED));
      else if (key === 'i') markIn();
      else if (key === 'o') markOut();
      else if (key === 'arrowleft' || key === ',') stepFrame(-1);
      else if (key === 'arrowright' || key === '.') stepFrame(1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const moveClip = (clipId: string, by: -1 | 1) => {
    const ids = state.clips.map((clip) => clip.id);
    const from = ids.indexOf(clipId);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    void run(() => api.review.reorderClips({ caseId, clipIds: ids }));
  };

  if (!selectedCamera) return <p className="muted">No camera has any recordings yet.</p>;
  const incidentMs = state.clips.length > 0 ? Math.min(...state.clips.map((clip) => clip.startMs)) : null;

  return (
    <section className="review-workspace" aria-labelledby="review-title">
      <h2 id="review-title">Find the incident</h2>
      {timeline.sources.map((item) => (
        <RetentionNotice key={item.id} source={item} incidentMs={incidentMs ?? timeline.startMs} onSaved={props.onTimelineChanged} />
      ))}
      <Timeline
        cameras={cameras}
        timeZone={timeZone}
        clockOffsetS={clockOffsetS}
        playheadMs={playheadMs}
        onSeek={(ms) => seekTo(ms)}
        selected={{ sourceId: selectedCamera.sourceId, cameraKey: selectedCamera.cameraKey }}
        onSelectCamera={(camera) => setSelected(camera)}
        clips={state.clips.map((clip) => ({ sourceId: clip.camera.sourceId, cameraKey: clip.camera.cameraKey, startMs: clip.startMs, endMs: clip.endMs, label: clip.label }))}
        inMs={inMs}
        outMs={outMs}
        bookmarks={state.bookmarks.map((bookmark) => ({ atMs: bookmark.atMs, note: bookmark.note }))}
        onViewChange={setViewRange}
      />
      <ThumbnailStrip camera={{ sourceId: selectedCamera.sourceId, cameraKey: selectedCamera.cameraKey }} range={viewRange} timeZone={timeZone} onSeek={seekTo} />
      <div className="review-body">
        <div className="review-player">
          <div className={`camera-grid grid-${layout}`}>
            {visibleCameras.map((camera) => (
              <CameraPlayer
                key={cameraId(camera)}
                camera={{ sourceId: camera.sourceId, cameraKey: camera.cameraKey }}
                label={camera.label}
                timeZone={timeZone}
                seek={seek}
                playheadMs={playheadMs}
                playing={shuttle.direction === 1}
                rate={shuttle.direction === 1 ? shuttle.rate : 1}
                lead={sameCamera(camera, selectedCamera)}
                selected={layout !== 'single' && sameCamera(camera, selectedCamera)}
                onSelect={() => setSelected({ sourceId: camera.sourceId, cameraKey: camera.cameraKey })}
                onTime={(ms) => {
                  playheadRef.current = ms;
                  setPlayheadMs(ms);
                }}
                onSeek={seekTo}
                onPlan={sameCamera(camera, selectedCamera) ? (plan: PlaybackPlan | null) => setLeadFrameRate(plan?.frameRate ?? null) : undefined}
              />
            ))}
          </div>
          <PlayerControls
            shuttle={shuttle}
            layout={layout}
            cameraCount={cameras.length}
            inText={inMs === null ? null : formatInZone(inMs, timeZone)}
            outText={outMs === null ? null : formatInZone(outMs, timeZone)}
            busy={busy}
            canSaveClip={inMs !== null && outMs !== null && inMs !== outMs}
            otherCameras={cameras.filter((camera) => !sameCamera(camera, selectedCamera)).map((camera) => ({ id: cameraId(camera), label: camera.label }))}
            alsoOn={alsoOn}
            onAlsoOn={setAlsoOn}
            onShuttle={(key) => setShuttle((current) => nextShuttle({ current, key }))}
            onPlayPause={() => setShuttle((current) => (current.direction === 0 ? { direction: 1, rate: 1 } : SHUTTLE_STOPPED))}
            onStep={stepFrame}
            onLayout={setLayout}
            onIn={markIn}
            onOut={markOut}
            onSaveClip={saveClip}
            onStill={takeStill}
            onBookmark={addBookmark}
          />
          <ErrorNote message={error} />
          {notice && (
            <p className="ok" role="status" data-testid="review-notice">
              {notice}
            </p>
          )}
        </div>
        <aside className="review-side" aria-label="Clips, notes and stills">
          <h3>Clips</h3>
          <ClipList
            clips={state.clips}
            timeZone={timeZone}
            busy={busy}
            onGoTo={seekTo}
            onUpdate={(clipId, change) => void run(() => api.review.updateClip({ clipId, ...change }))}
            onMove={moveClip}
            onDelete={(clipId) => void run(() => api.review.deleteClip({ clipId }))}
          />
          <h3>Notes</h3>
          <BookmarkList
            bookmarks={state.bookmarks}
            timeZone={timeZone}
            onGoTo={seekTo}
            onUpdate={(bookmarkId, note) => void run(() => api.review.updateBookmark({ bookmarkId, note }))}
            onDelete={(bookmarkId) => void run(() => api.review.deleteBookmark({ bookmarkId }))}
          />
          <h3>Stills</h3>
          <StillList
            stills={state.stills}
            timeZone={timeZone}
            onGoTo={seekTo}
            onUpdate={(stillId, note) => void run(() => api.review.updateStill({ stillId, note }))}
            onDelete={(stillId) => void run(() => api.review.deleteStill({ stillId }))}
          />
        </aside>
      </div>
    </section>
  );
}
