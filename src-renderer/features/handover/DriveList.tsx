import type { Drive } from '../../../src-shared/domain/drives';
import { ErrorNote } from '../../components/ErrorNote';
import { driveFacts, driveTitle, sortDrives } from './drive-format';

/**
 * The USB sticks plugged in now, refreshed by itself: one big button per stick Handover will write to, and the
 * others greyed with the reason (the computer's own disk, write-protected, …) so nobody wonders where theirs went.
 */
export function DriveList(props: { drives: Drive[] | null; error: string | null; disabled: boolean; onPick: (driveId: string) => void }) {
  if (props.drives === null) {
    return props.error ? <ErrorNote message={props.error} /> : <p className="muted">Looking for USB sticks…</p>;
  }
  const { usable, other } = sortDrives(props.drives);
  return (
    <div className="drive-list" data-testid="drive-list">
      {usable.length === 0 ? (
        <p className="drive-none" data-testid="drive-none">
          No USB stick found yet. Plug one in: it appears here by itself within a few seconds.
        </p>
      ) : (
        <ul className="drive-choices">
          {usable.map((drive) => (
            <li key={drive.driveId}>
              <button type="button" className="button primary big drive-choice" disabled={props.disabled} onClick={() => props.onPick(drive.driveId)} data-testid="drive-choice" data-drive={drive.driveId}>
                <span className="drive-title">Use {driveTitle(drive)}</span>
                <span className="drive-facts small">{driveFacts(drive)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {other.length > 0 && (
        <details className="drive-others">
          <summary>
            {other.length} other drive{other.length === 1 ? '' : 's'} Handover will not write to
          </summary>
          <ul>
            {other.map((drive) => (
              <li key={drive.driveId} className="muted" data-testid="drive-refused">
                <strong>{driveTitle(drive)}</strong> {driveFacts(drive) && <span className="small">({driveFacts(drive)})</span>}: {drive.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ErrorNote message={props.error} />
    </div>
  );
}
