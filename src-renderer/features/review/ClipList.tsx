import { useState } from 'react';
import type { Clip } from '../../../src-shared/domain/review';
import { formatDuration } from '../footage/footage-format';
import { formatBytes, formatClipSpan } from './review-format';

/** A text field that saves when it loses focus (or on Enter for one-line fields), only if it changed. */
export function SavingField(props: { label: string; value: string; multiline?: boolean; testId: string; onSave: (value: string) => void }) {
  const [draft, setDraft] = useState(props.value);
  const [seen, setSeen] = useState(props.value);
  if (seen !== props.value) {
    // Saved elsewhere (or the list reloaded): show the stored text.
    setSeen(props.value);
    setDraft(props.value);
  }
  const save = () => {
    if (draft.trim() !== props.value) props.onSave(draft.trim());
  };
  return (
    <label className="saving-field">
      <span className="small muted">{props.label}</span>
      {props.multiline ? (
        <textarea value={draft} rows={2} data-testid={props.testId} onChange={(event) => setDraft(event.target.value)} onBlur={save} />
      ) : (
        <input
          value={draft}
          data-testid={props.testId}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={save}
          onKeyDown={(event) => event.key === 'Enter' && save()}
        />
      )}
    </label>
  );
}

export function ClipList(props: {
  clips: Clip[];
  timeZone: string;
  busy: boolean;
  onGoTo: (ms: number) => void;
  onUpdate: (clipId: string, change: { label?: string; note?: string }) => void;
  onMove: (clipId: string, by: -1 | 1) => void;
  onDelete: (clipId: string) => void;
}) {
  if (props.clips.length === 0) {
    return <p className="muted">No clips yet. Set the start with I and the end with O, then press &ldquo;Save clip&rdquo;.</p>;
  }
  const total = props.clips.reduce((sum, clip) => (sum === null || clip.estimatedBytes === null ? null : sum + clip.estimatedBytes), 0 as number | null);
  return (
    <>
      <ol className="clip-list" data-testid="clip-list">
        {props.clips.map((clip, index) => (
          <li key={clip.id} className="clip-item" data-testid="clip-item">
            <div className="clip-head">
              <strong>
                {clip.position}. {clip.cameraLabel}
              </strong>
              <span className="muted small">
                {formatDuration(clip.durationS * 1000)}
                {clip.estimatedBytes !== null && <> · about {formatBytes(clip.estimatedBytes)}</>}
              </span>
            </div>
            <button type="button" className="button link clip-time" onClick={() => props.onGoTo(clip.startMs)} data-testid="clip-time">
              {formatClipSpan({ startMs: clip.startMs, endMs: clip.endMs, timeZone: props.timeZone })}
            </button>
            <SavingField label="Label" value={clip.label} testId="clip-label" onSave={(label) => props.onUpdate(clip.id, { label })} />
            <SavingField label="What it shows" value={clip.note} multiline testId="clip-note" onSave={(note) => props.onUpdate(clip.id, { note })} />
            <div className="clip-actions">
              <button type="button" className="button secondary small-button" disabled={props.busy || index === 0} onClick={() => props.onMove(clip.id, -1)} aria-label={`Move clip ${clip.position} up`}>
                ↑
              </button>
              <button
                type="button"
                className="button secondary small-button"
                disabled={props.busy || index === props.clips.length - 1}
                onClick={() => props.onMove(clip.id, 1)}
                aria-label={`Move clip ${clip.position} down`}
              >
                ↓
              </button>
              <button type="button" className="button link" disabled={props.busy} onClick={() => props.onDelete(clip.id)}>
                Remove clip
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p className="small muted">
        {props.clips.length} clip{props.clips.length === 1 ? '' : 's'}
        {total !== null ? ` · about ${formatBytes(total)} to export` : ' · the size is known once every file has been checked'}
      </p>
    </>
  );
}
