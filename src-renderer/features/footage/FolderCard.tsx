import { useId, useState } from 'react';
import type { SourceSummary } from '../../../src-shared/domain/catalogue';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format';
import { ClockQuestions } from './ClockQuestions';
import { plural } from './footage-format';

/** One footage folder: what was found in it, its clock, and "Check again". */
export function FolderCard(props: {
  source: SourceSummary;
  selected: boolean;
  /** Whether there are other folders to choose between. */
  selectable: boolean;
  busy: boolean;
  onSelect: () => void;
  onRescan: (jobId: string) => void;
  onClockSaved: (updated: SourceSummary) => void;
}) {
  const api = useApi();
  const ids = useId();
  const { source } = props;
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const rescan = () => {
    setSending(true);
    setError(null);
    api.footage.rescan({ sourceId: source.id }).then(
      (started) => {
        setSending(false);
        props.onRescan(started.jobId);
      },
      (failure: unknown) => {
        setSending(false);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <article className={`card folder-card${props.selected ? ' selected' : ''}`} aria-labelledby={`${ids}-name`} data-testid="footage-folder">
      <div className="folder-head">
        <div>
          <h3 id={`${ids}-name`} className="folder-name">
            {source.label}
          </h3>
          <p className="muted folder-path">{source.rootPath}</p>
        </div>
        <div className="folder-actions">
          {props.selectable && (
            <button type="button" className="button secondary" aria-pressed={props.selected} onClick={props.onSelect}>
              {props.selected ? 'Showing its cameras' : 'Show its cameras'}
            </button>
          )}
          <button type="button" className="button secondary" disabled={props.busy || sending} onClick={rescan}>
            Check again
          </button>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Recordings</dt>
          <dd data-testid="folder-recordings">{source.lastScanAt ? plural(source.fileCount, 'recording') : 'Not read yet'}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd className={source.problemCount > 0 ? 'problem' : undefined}>{source.problemCount === 0 ? 'None' : plural(source.problemCount, 'file')}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{source.timeZone.replace(/_/g, ' ')}</dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd>{source.lastScanAt ? formatDateTime(source.lastScanAt) : 'Not yet'}</dd>
        </div>
      </dl>
      <ErrorNote message={error} />
      <ClockQuestions key={source.id} source={source} onSaved={props.onClockSaved} />
    </article>
  );
}
