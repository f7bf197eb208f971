import { useState } from 'react';
import type { SourceSummary } from '../../../src-shared/domain/catalogue';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { overwriteCountdown } from './review-format';

/** "This recorder keeps about N days: footage from … will be overwritten around …", with the days as a setting. */
export function RetentionNotice(props: { source: SourceSummary; incidentMs: number | null; onSaved: () => void }) {
  const api = useApi();
  const { source } = props;
  const [editing, setEditing] = useState(source.retentionDays === null);
  const [days, setDays] = useState(String(source.retentionDays ?? ''));
  const [error, setError] = useState<string | null>(null);
  // Days left are counted from when the screen opened; a countdown in days does not need to tick.
  const [nowMs] = useState(() => Date.now());
  const save = () => {
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1) {
      setError('Please give a whole number of days, for example 30.');
      return;
    }
    api.footage.setRetention({ sourceId: source.id, retentionDays: value }).then(
      () => {
        setError(null);
        setEditing(false);
        props.onSaved();
      },
      (caught: unknown) => setError(errorMessage(caught)),
    );
  };
  const countdown =
    source.retentionDays !== null && props.incidentMs !== null
      ? overwriteCountdown({ retentionDays: source.retentionDays, incidentMs: props.incidentMs, nowMs, timeZone: source.timeZone })
      : null;
  return (
    <div className={`retention ${countdown?.urgent ? 'warning' : 'card'}`} data-testid="retention-notice">
      {countdown && !editing && (
        <p className="retention-text">
          <strong>{countdown.text}</strong>{' '}
          <button type="button" className="button link" onClick={() => setEditing(true)}>
            Change
          </button>
        </p>
      )}
      {editing && (
        <form
          className="retention-form"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <label className="inline-field">
            How many days does the recorder &ldquo;{source.label}&rdquo; keep before it records over old footage? (Look in its storage or recording settings.)
            <input type="number" min={1} max={3650} value={days} onChange={(event) => setDays(event.target.value)} data-testid="retention-days" />
          </label>
          <button type="submit" className="button secondary">
            Save
          </button>
        </form>
      )}
      {error && <p className="problem">{error}</p>}
    </div>
  );
}
