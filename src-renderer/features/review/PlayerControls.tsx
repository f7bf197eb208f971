import type { GridLayout, Shuttle } from './review-format';

/** Big, labelled buttons for the player; each also has a key, shown in its label for people who like keys. */
export function PlayerControls(props: {
  shuttle: Shuttle;
  layout: GridLayout;
  cameraCount: number;
  inText: string | null;
  outText: string | null;
  busy: boolean;
  canSaveClip: boolean;
  otherCameras: { id: string; label: string }[];
  alsoOn: string[];
  onAlsoOn: (ids: string[]) => void;
  onShuttle: (key: 'j' | 'k' | 'l') => void;
  onPlayPause: () => void;
  onStep: (by: -1 | 1) => void;
  onLayout: (layout: GridLayout) => void;
  onIn: () => void;
  onOut: () => void;
  onSaveClip: () => void;
  onStill: () => void;
  onBookmark: () => void;
}) {
  const { shuttle } = props;
  const speed = shuttle.direction === 0 ? 'Paused' : `${shuttle.direction === 1 ? 'Playing' : 'Rewinding'}${shuttle.rate > 1 ? ` at ${shuttle.rate}×` : ''}`;
  return (
    <div className="player-controls">
      <div className="control-row" role="group" aria-label="Play">
        <button type="button" className="button secondary" onClick={() => props.onStep(-1)} title="One frame back (← or ,)" data-testid="frame-back">
          ◀▮ Frame
        </button>
        <button type="button" className="button secondary" onClick={() => props.onShuttle('j')} title="Rewind (J); press again to go faster">
          ◀◀ J
        </button>
        <button type="button" className="button primary play-button" onClick={props.onPlayPause} data-testid="play-pause" title="Play or pause (space or K)">
          {shuttle.direction === 1 ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" className="button secondary" onClick={() => props.onShuttle('l')} title="Play faster (L); press again to go faster">
          L ▶▶
        </button>
        <button type="button" className="button secondary" onClick={() => props.onStep(1)} title="One frame on (→ or .)" data-testid="frame-forward">
          Frame ▮▶
        </button>
        <span className="muted small" data-testid="shuttle-state">
          {speed}
        </span>
      </div>
      <div className="control-row" role="group" aria-label="Mark a clip">
        <button type="button" className="button secondary" onClick={props.onIn} data-testid="mark-in" title="Start of the clip (I)">
          Start here (I)
        </button>
        <span className="mark-text small" data-testid="in-text">
          {props.inText ?? 'no start yet'}
        </span>
        <button type="button" className="button secondary" onClick={props.onOut} data-testid="mark-out" title="End of the clip (O)">
          End here (O)
        </button>
        <span className="mark-text small" data-testid="out-text">
          {props.outText ?? 'no end yet'}
        </span>
        <button type="button" className="button primary" disabled={!props.canSaveClip || props.busy} onClick={props.onSaveClip} data-testid="save-clip">
          Save clip
        </button>
      </div>
      {props.otherCameras.length > 0 && (
        <fieldset className="also-on">
          <legend className="small">Also mark the clip on</legend>
          {props.otherCameras.map((camera) => (
            <label key={camera.id} className="small">
              <input
                type="checkbox"
                checked={props.alsoOn.includes(camera.id)}
                onChange={(event) => props.onAlsoOn(event.target.checked ? [...props.alsoOn, camera.id] : props.alsoOn.filter((id) => id !== camera.id))}
                data-testid={`also-on-${camera.label}`}
              />{' '}
              {camera.label}
            </label>
          ))}
        </fieldset>
      )}
      <div className="control-row" role="group" aria-label="Keep a record">
        <button type="button" className="button secondary" disabled={props.busy} onClick={props.onStill} data-testid="take-still">
          Take a still
        </button>
        <button type="button" className="button secondary" disabled={props.busy} onClick={props.onBookmark} data-testid="add-bookmark">
          Add a note here
        </button>
        {props.cameraCount > 1 && (
          <label className="inline-field small">
            Cameras shown
            <select value={props.layout} onChange={(event) => props.onLayout(event.target.value as GridLayout)} data-testid="grid-layout">
              <option value="single">One camera</option>
              <option value="2x2">Four cameras (2×2)</option>
              {props.cameraCount > 4 && <option value="3x3">Nine cameras (3×3)</option>}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}
