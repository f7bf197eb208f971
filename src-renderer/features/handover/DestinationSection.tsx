import { useState } from 'react';
import type { Destination, DestinationChoice } from '../../../src-shared/domain/bundle';
import { ErrorNote } from '../../components/ErrorNote';
import { TypedPathForm } from '../../components/TypedPathForm';
import type { Drive } from '../../../src-shared/domain/drives';
import { DriveList } from './DriveList';
import { formatBytes } from '../review/review-format';
import { destinationReady } from './handover-format';

export type { DestinationChoice };

/** The checks of the chosen stick as a checklist, each with ✓ or ✗ and what was found. */
export function PreflightChecklist(props: { destination: Destination }) {
  const { destination } = props;
  const ready = destinationReady(destination);
  return (
    <>
      <p className={ready ? 'ok preflight-verdict' : 'problem preflight-verdict'} data-testid="preflight-verdict" data-ok={ready}>
        {ready ? '✓ Everything is ready for writing.' : '✗ The evidence cannot be written here yet. Sort out the lines marked ✗, then press “Check again”.'}
      </p>
      <ul className="preflight-list" data-testid="preflight-checks">
        {destination.checks.map((check) => (
          <li key={check.id} className={check.ok ? 'preflight-check ok-check' : 'preflight-check failed-check'} data-testid="preflight-check" data-check={check.id} data-ok={check.ok}>
            <span className="preflight-mark" aria-hidden="true">
              {check.ok ? '✓' : '✗'}
            </span>
            <span>
              <span className="visually-hidden">{check.ok ? 'Passed: ' : 'Problem: '}</span>
              {check.message}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * "Choose the USB stick": the sticks plugged in, from a list that refreshes itself. Below it, for a drive the list does
 * not show: in the app a folder picker (the window never sends a typed path); in a browser a typed folder. Then the
 * checklist, "Check again" and "Choose a different USB stick".
 */
export function DestinationSection(props: {
  inApp: boolean;
  destination: Destination | null;
  busy: boolean;
  checking: boolean;
  error: string | null;
  /** The sticks plugged in now (refreshed by the caller); null until the first answer. */
  drives: { drives: Drive[] | null; error: string | null };
  onChoose: (choice: DestinationChoice) => void;
  onCheckAgain: () => void;
  onRemoveUnfinished: () => void;
  onChooseAnother: () => void;
}) {
  const { destination } = props;
  const [path, setPath] = useState('');
  const disabled = props.busy || props.checking;

  return (
    <section className="card handover-destination" aria-labelledby="handover-destination-title" aria-busy={props.checking}>
      <h2 id="handover-destination-title">The USB stick</h2>
      {destination === null ? (
        <>
          <p>Plug the USB stick in, then choose it. Handover checks it before anything is written.</p>
          <DriveList drives={props.drives.drives} error={props.drives.error} disabled={disabled} onPick={(driveId) => props.onChoose({ kind: 'drive', driveId })} />
          <h3 className="small-heading">Your stick is not in the list?</h3>
          {props.inApp ? (
            <div className="actions">
              <button type="button" className="button secondary" disabled={disabled} onClick={() => props.onChoose({ kind: 'dialog' })} data-testid="choose-usb">
                Choose a folder instead
              </button>
            </div>
          ) : (
            <TypedPathForm
              ariaLabel="Folder to write to"
              label="Folder to write to"
              placeholder="For example /media/usb or E:\"
              buttonText="Check this folder"
              name="destination"
              value={path}
              disabled={disabled}
              onChange={setPath}
              onSubmit={(typed) => props.onChoose({ kind: 'typed', path: typed })}
              testIds={{ input: 'destination-path', button: 'destination-check' }}
            />
          )}
          {props.checking && <p className="muted">Checking the USB stick…</p>}
        </>
      ) : (
        <>
          <dl className="output-details destination-facts">
            <dt>Writing to</dt>
            <dd className="file-path" data-testid="destination-path-shown">
              {destination.displayPath}
            </dd>
            <dt>New folder</dt>
            <dd className="file-path" data-testid="bundle-name">
              {destination.bundleName}
            </dd>
            <dt>Space</dt>
            <dd>
              needs {formatBytes(destination.neededBytes)}
              {destination.freeBytes !== null && <>, {formatBytes(destination.freeBytes)} free</>}
            </dd>
          </dl>
          <PreflightChecklist destination={destination} />
          {props.checking && <p className="muted">Checking the USB stick again…</p>}
          {destination.stalePartial && (
            <div className="actions">
              <button type="button" className="button secondary" disabled={disabled} onClick={props.onRemoveUnfinished} data-testid="destination-remove-unfinished">
                Delete the unfinished copy
              </button>
            </div>
          )}
          <div className="actions">
            <button type="button" className="button secondary" disabled={disabled} onClick={props.onCheckAgain} data-testid="destination-recheck">
              Check again
            </button>
            <button type="button" className="button link" disabled={disabled} onClick={props.onChooseAnother} data-testid="destination-change">
              Choose a different USB stick
            </button>
          </div>
        </>
      )}
      <ErrorNote message={props.error} />
    </section>
  );
}
