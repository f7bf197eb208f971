import type { StepId } from '../../../src-shared/domain/cases';
import type { ExportSummary } from '../../../src-shared/domain/export';
import { describeExport } from './handover-format';

/** "What goes on the USB stick": the newest finished export in one line, or a way to step 2 when there is none. */
export function ExportChoice(props: { exportSummary: ExportSummary | null; newerRunning: boolean; onStep: (step: StepId) => void }) {
  const { exportSummary } = props;
  return (
    <section className="card handover-export" aria-labelledby="handover-export-title">
      <h2 id="handover-export-title">What goes on the USB stick</h2>
      {exportSummary ? (
        <>
          <p data-testid="handover-export">{describeExport(exportSummary)}</p>
          {props.newerRunning && <p className="muted small">A newer export is still being made. To use it instead, wait for it to finish in step 2, then come back.</p>}
        </>
      ) : (
        <div data-testid="handover-no-export">
          <p className="lead">Export the footage first (step 2).</p>
          {props.newerRunning && <p className="muted">An export is being made now. Come back when it has finished.</p>}
          <button type="button" className="button primary big" onClick={() => props.onStep('export')}>
            Go to step 2: Export
          </button>
        </div>
      )}
    </section>
  );
}
