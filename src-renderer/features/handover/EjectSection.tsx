import { useState } from 'react';
import type { BundleSummary } from '../../../src-shared/domain/bundle';
import type { EjectResult } from '../../../src-shared/domain/drives';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';

/**
 * After writing, a stick chosen from the list is ejected by the job itself. This says whether it is safe to pull out,
 * and when a program still had it open, who, with a button to try again once that program is closed.
 */
export function EjectSection(props: { bundle: BundleSummary }) {
  const api = useApi();
  const [latest, setLatest] = useState<EjectResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const result = latest ?? props.bundle.eject;
  if (props.bundle.drive === null) {
    return <p data-testid="eject-manual">Eject the USB stick safely (with the computer&rsquo;s &ldquo;Eject&rdquo; or &ldquo;Safely remove&rdquo;) before you unplug it.</p>;
  }
  const eject = () => {
    setBusy(true);
    setError(null);
    api.bundle.eject({ bundleId: props.bundle.id }).then(
      (answer) => {
        setBusy(false);
        setLatest(answer);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };
  return (
    <div className="eject-status" data-testid="eject-status" data-ok={result?.ok ?? false}>
      {result === null ? (
        <p>The USB stick was not ejected yet.</p>
      ) : (
        <p className={result.ok ? 'ok big-note' : 'problem'} data-testid="eject-message">
          {result.ok ? '✓ ' : '✗ '}
          {result.message}
        </p>
      )}
      {!result?.ok && (
        <div className="actions">
          <button type="button" className="button primary big" disabled={busy} onClick={eject} data-testid="eject-again">
            {busy ? 'Ejecting…' : 'Eject the USB stick'}
          </button>
        </div>
      )}
      <ErrorNote message={error} />
    </div>
  );
}
