import { useId, useMemo, useState, type FormEvent } from 'react';
import type { SourceSummary } from '../../../src-shared/domain/catalogue';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { friendlyLocalTimes, localInputAt, localInputToText, timeZoneChoices } from './footage-format';

type Answer = { kind: 'readings'; recorderShows: string; actualTime: string } | { kind: 'skip'; reason: string };

function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The clock answer in plain words; a skipped check says so, with the reason, rather than "the clock is right". */
export function clockSentence(source: SourceSummary): string {
  if (source.clockCheck === 'unanswered') return 'The recorder\u2019s clock has not been checked yet.';
  if (source.clockCheck === 'skipped') {
    return `The recorder\u2019s clock was not checked.${source.clockNote ? ` Reason given: \u201c${source.clockNote}\u201d` : ''}`;
  }
  return source.clockDescription;
}

/** "Which time zone? What did the recorder's clock show? What time was it really?", or why it cannot be checked. */
export function ClockQuestions(props: { source: SourceSummary; onSaved: (updated: SourceSummary) => void }) {
  const api = useApi();
  const ids = useId();
  const { source } = props;
  const unanswered = source.clockCheck === 'unanswered';
  const [editing, setEditing] = useState(unanswered);
  const [skipping, setSkipping] = useState(false);
  const [timeZone, setTimeZone] = useState(source.timeZone);
  const [recorderShows, setRecorderShows] = useState('');
  const [actualTime, setActualTime] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneChoices(knownTimeZones(), [source.timeZone]), [source.timeZone]);

  const save = (answer: Answer) => {
    setSaving(true);
    setError(null);
    api.footage.setClock({ sourceId: source.id, timeZone, answer }).then(
      (updated) => {
        setSaving(false);
        setEditing(false);
        props.onSaved(updated);
      },
      (failure: unknown) => {
        setSaving(false);
        setError(errorMessage(failure));
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (skipping) {
      save({ kind: 'skip', reason });
      return;
    }
    const shown = localInputToText(recorderShows);
    const actual = localInputToText(actualTime);
    if (!shown || !actual) {
      setError('Please fill in both times, each with its date.');
      return;
    }
    save({ kind: 'readings', recorderShows: shown, actualTime: actual });
  };

  if (!editing) {
    return (
      <div className="clock-answer">
        <p className={source.clockCheck === 'skipped' ? 'clock-sentence warning' : 'clock-sentence'} data-testid="clock-sentence">
          {clockSentence(source)}
        </p>
        {source.clockCheck === 'measured' && source.clockNote && <p className="muted small">{friendlyLocalTimes(source.clockNote)}</p>}
        <button type="button" className="button secondary" onClick={() => setEditing(true)}>
          Change the clock answer
        </button>
      </div>
    );
  }

  return (
    <form className={`form clock-form${unanswered ? ' prominent' : ''}`} onSubmit={submit} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Check the recorder&rsquo;s clock</h3>
      <p className="muted">Recorders&rsquo; clocks drift. The police need the real time of the incident.</p>
      <label>
        <span>Which time zone is the recorder set to?</span>
        <select value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      {skipping ? (
        <label>
          <span>Why can&rsquo;t you check the clock now?</span>
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={500} required minLength={3} />
          <small className="muted">This is written down with the evidence. Check the clock later if you can.</small>
        </label>
      ) : (
        <>
          <p>Look at the time on the recorder&rsquo;s screen and at a clock you trust, such as your phone, at the same moment.</p>
          <div className="clock-readings">
            <label>
              <span>What time did the recorder&rsquo;s clock show?</span>
              <input type="datetime-local" step={1} value={recorderShows} onChange={(event) => setRecorderShows(event.target.value)} required />
            </label>
            <label>
              <span>What time was it really?</span>
              <input type="datetime-local" step={1} value={actualTime} onChange={(event) => setActualTime(event.target.value)} required />
            </label>
          </div>
          <div className="actions tight">
            <button type="button" className="button link" onClick={() => setActualTime(localInputAt(Date.now(), timeZone))}>
              Fill in the time now
            </button>
          </div>
        </>
      )}
      <ErrorNote message={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : skipping ? 'Save the reason' : 'Save the clock answer'}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setSkipping(!skipping);
            setError(null);
          }}
        >
          {skipping ? 'Answer the clock questions instead' : 'I can\u2019t check the clock now'}
        </button>
        {!unanswered && (
          <button type="button" className="button secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
