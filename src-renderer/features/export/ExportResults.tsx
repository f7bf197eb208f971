import type { ExportOutput, ExportSummary, ProcessingStep } from '../../../src-shared/domain/export';
import { formatDateTime } from '../../format';
import { formatBytes, formatClipSpan } from '../review/review-format';
import { METHOD_WORDS, describeOutputs, fileName, outputKindText, summariseOutputs } from './export-format';

function Step(props: { step: ProcessingStep }) {
  const { step } = props;
  return (
    <li>
      <span>{step.description}</span>{' '}
      <span className="muted small">
        ({step.tool} {step.toolVersion})
      </span>
      <pre className="command-line" data-testid="export-output-command">
        {step.commandLine}
      </pre>
    </li>
  );
}

function OutputRow(props: { output: ExportOutput; timeZone: string; nameOf: (ref: string) => string }) {
  const { output } = props;
  const times = output.startMs !== null && output.endMs !== null ? formatClipSpan({ startMs: output.startMs, endMs: output.endMs, timeZone: props.timeZone }) : null;
  return (
    <li className={`output-row${output.status === 'incomplete' ? ' incomplete' : ''}`} data-testid="export-output" data-kind={output.kind}>
      <div className="output-head">
        <strong>{outputKindText(output)}</strong>
        <span className="muted small">{formatBytes(output.size)}</span>
      </div>
      {(output.cameraLabel || times) && (
        <p className="output-facts">{[output.cameraLabel, times].filter(Boolean).join(' · ')}</p>
      )}
      <p className="muted small file-path">{fileName(output.path)}</p>
      {output.status === 'incomplete' ? (
        <p className="problem output-status" data-testid="export-output-status">
          Incomplete: {output.note || 'the recording was damaged or cut short.'}
        </p>
      ) : (
        <p className="ok small output-status" data-testid="export-output-status">
          ✔ Written and checked{output.note ? `. ${output.note}` : ''}
        </p>
      )}
      <details className="export-details">
        <summary>Details</summary>
        <dl className="output-details">
          <dt>File</dt>
          <dd className="file-path">{output.path}</dd>
          <dt>Fingerprint (SHA-256)</dt>
          <dd className="fingerprint" data-testid="export-output-sha256">
            {output.sha256}
          </dd>
          {output.sourceSha256 && (
            <>
              <dt>Fingerprint of the recorder&rsquo;s file (SHA-256)</dt>
              <dd className="fingerprint">
                {output.sourceSha256} {output.sourceSha256 === output.sha256 ? <span className="ok">(the same: an exact copy)</span> : <span className="problem">(different)</span>}
              </dd>
            </>
          )}
          <dt>How it was made</dt>
          <dd>{METHOD_WORDS[output.method]}</dd>
          {output.derivedFrom.length > 0 && (
            <>
              <dt>Made from</dt>
              <dd className="file-path">{output.derivedFrom.map(props.nameOf).join(', ')}</dd>
            </>
          )}
        </dl>
        {output.processing.length > 0 && (
          <>
            <h4>Processing steps</h4>
            <ol className="processing-steps">
              {output.processing.map((step, index) => (
                <Step key={index} step={step} />
              ))}
            </ol>
          </>
        )}
      </details>
    </li>
  );
}

/** The files of a finished export: how many of each, the size, and each file with its fingerprint in "Details". */
export function ExportResults(props: {
  summary: ExportSummary;
  timeZoneFor: (output: ExportOutput) => string;
  /** A clip or still id as the person knows it ("Clip 1"); paths of recordings are shown as they are. */
  nameOf?: (ref: string) => string;
}) {
  const nameOf = props.nameOf ?? ((ref: string) => ref);
  const { summary } = props;
  const { incomplete } = summariseOutputs(summary.outputs);
  return (
    <section className="card export-results" aria-labelledby="export-results-title" data-testid="export-results">
      <h2 id="export-results-title">Exported{summary.finishedAt ? ` on ${formatDateTime(summary.finishedAt)}` : ''}</h2>
      <p className="lead" data-testid="export-results-summary">
        {describeOutputs(summary.outputs)}
      </p>
      {incomplete > 0 && (
        <p className="warning">
          {incomplete === 1 ? 'One file is' : `${incomplete} files are`} incomplete because the recording was damaged or cut short. Tell the police when you hand it over.
        </p>
      )}
      <p className="small muted">
        Every file has a fingerprint, so anyone can check later that nothing was changed. These files go onto the USB stick for the police in step 5.
      </p>
      <ul className="output-list">
        {/* A working copy that could not be made has no path, so the position is the only stable key. */}
        {summary.outputs.map((output, index) => (
          <OutputRow key={`${index}:${output.path}`} output={output} timeZone={props.timeZoneFor(output)} nameOf={nameOf} />
        ))}
      </ul>
    </section>
  );
}
