import type { ExportEstimate } from '../../../src-shared/domain/export';
import { ErrorNote } from '../../components/ErrorNote';
import { formatBytes } from '../review/review-format';
import { KIND_WORDS, METHOD_WORDS, formatRoughTime } from './export-format';

/** What the chosen export will make: the size and time in one sentence, any warnings, and each file in "Details". */
export function ExportEstimateView(props: { estimate: ExportEstimate | null; error: string | null; updating: boolean }) {
  const { estimate } = props;
  return (
    <section className="card export-estimate" aria-labelledby="export-estimate-title" aria-busy={props.updating}>
      <h2 id="export-estimate-title">What this export will take</h2>
      <ErrorNote message={props.error} />
      {!estimate ? (
        !props.error && <p className="muted">Working out the size and how long it will take…</p>
      ) : (
        <>
          <p className={`estimate-total${props.updating ? ' updating' : ''}`} data-testid="export-estimate-total">
            {estimate.totalBytes === null ? (
              <>The size is known once every recording has been checked.</>
            ) : (
              <>
                About <strong>{formatBytes(estimate.totalBytes)}</strong> in all
              </>
            )}
            {' · '}
            takes <strong>{formatRoughTime(estimate.estimatedSeconds)}</strong>
          </p>
          {props.updating && <p className="muted small">Updating for the options you changed…</p>}
          {estimate.warnings.length > 0 && (
            <ul className="warning estimate-warnings" data-testid="export-warnings">
              {estimate.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <details className="export-details">
            <summary>Details</summary>
            <p className="small muted">Copies for watching are made as H.264 MP4 files. When a re-encode is needed it uses {estimate.encoder}.</p>
            <ul className="estimate-items">
              {estimate.items.map((item, index) => (
                <li key={`${item.kind}:${item.description}:${index}`} data-testid="export-estimate-item">
                  <span>
                    <strong>{KIND_WORDS[item.kind].one.replace(/^./, (first) => first.toUpperCase())}</strong>: {item.description}
                  </span>
                  <span className="small">
                    {METHOD_WORDS[item.method]}
                    {item.reason && <> &mdash; {item.reason}</>}
                  </span>
                  <span className="small muted">
                    {item.estimatedBytes === null ? 'size not known yet' : `about ${formatBytes(item.estimatedBytes)}`} · {formatRoughTime(item.estimatedSeconds)}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
