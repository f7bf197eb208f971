import type { Bookmark, Still } from '../../../src-shared/domain/review';
import { formatInZone } from '../footage/footage-format';
import { SavingField } from './ClipList';

export function BookmarkList(props: {
  bookmarks: Bookmark[];
  timeZone: string;
  onGoTo: (ms: number) => void;
  onUpdate: (bookmarkId: string, note: string) => void;
  onDelete: (bookmarkId: string) => void;
}) {
  if (props.bookmarks.length === 0) return <p className="muted">No notes yet. Press &ldquo;Add a note here&rdquo; to write down what you see at a moment.</p>;
  return (
    <ul className="note-list" data-testid="bookmark-list">
      {props.bookmarks.map((bookmark) => (
        <li key={bookmark.id} data-testid="bookmark-item">
          <button type="button" className="button link" onClick={() => props.onGoTo(bookmark.atMs)}>
            {formatInZone(bookmark.atMs, props.timeZone)}
            {bookmark.cameraLabel ? ` · ${bookmark.cameraLabel}` : ''}
          </button>
          <SavingField label="Note" value={bookmark.note} multiline testId="bookmark-note" onSave={(note) => props.onUpdate(bookmark.id, note)} />
          <button type="button" className="button link" onClick={() => props.onDelete(bookmark.id)}>
            Remove note
          </button>
        </li>
      ))}
    </ul>
  );
}

export function StillList(props: { stills: Still[]; timeZone: string; onGoTo: (ms: number) => void; onUpdate: (stillId: string, note: string) => void; onDelete: (stillId: string) => void }) {
  if (props.stills.length === 0) return <p className="muted">No stills yet. Press &ldquo;Take a still&rdquo; to save the picture at the playhead.</p>;
  return (
    <ul className="still-list" data-testid="still-list">
      {props.stills.map((still) => (
        <li key={still.id} data-testid="still-item">
          <img src={still.url} alt={`Still from ${still.cameraLabel} at ${formatInZone(still.frameMs, props.timeZone)}`} width={160} data-testid="still-image" />
          <div>
            <button type="button" className="button link" onClick={() => props.onGoTo(still.frameMs)}>
              {still.cameraLabel} · {formatInZone(still.frameMs, props.timeZone)}
            </button>
            <p className="small muted">
              {still.width}×{still.height} pixels, taken from the recording itself
            </p>
            <SavingField label="Note" value={still.note} testId="still-note" onSave={(note) => props.onUpdate(still.id, note)} />
            <button type="button" className="button link" onClick={() => props.onDelete(still.id)}>
              Remove still
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
