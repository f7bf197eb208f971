import { useState } from 'react';
import type { StepId } from '../../../src-shared/domain/cases';
import type { ReceiptInput, ReceiptSummary } from '../../../src-shared/domain/receipt';
import { useApi } from '../../api/api-context';
import { errorMessage, useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format';
import { PapersSection } from '../handover/PapersSection';
import { ReceiptCard } from './ReceiptCard';
import { ReceiptForm } from './ReceiptForm';
import { handedOverCandidates } from './receipt-form';

/**
 * Step 6's content: which USB stick went to the police, who received it, when and how, then the photo or scan of the
 * signed receipt. Everything recorded here goes into the custody log.
 */
export function ReceiptPanel(props: { caseId: string; onStep: (step: StepId) => void; onCaseChanged: () => void }) {
  const api = useApi();
  const { caseId } = props;
  const bundles = useLoad(() => api.bundle.list({ caseId }), caseId);
  const receipts = useLoad(() => api.receipt.list({ caseId }), caseId);
  const inApp = window.handover !== undefined;
  const [chosen, setChosen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (bundles.error || receipts.error) return <ErrorNote message={bundles.error ?? receipts.error} />;
  if (!bundles.data || !receipts.data) return <p className="muted">Getting step 6 ready…</p>;
  const candidates = handedOverCandidates(bundles.data);
  if (candidates.length === 0) {
    return (
      <div className="card" data-testid="receipt-needs-usb">
        <p>Nothing has been written to a USB stick yet, so there is nothing to hand over. Write the USB stick first.</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => props.onStep('usb')}>
            Go to step 5, Write USB
          </button>
        </div>
      </div>
    );
  }
  const bundleId = chosen ?? candidates[0]!.id;
  const list = receipts.data;
  const showForm = adding || list.length === 0;

  const record = (input: ReceiptInput) => {
    setBusy(true);
    setError(null);
    api.receipt.record({ caseId, bundleId, receipt: input }).then(
      (saved) => {
        setBusy(false);
        setAdding(false);
        receipts.set([saved, ...list]);
        props.onCaseChanged();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };
  const replace = (updated: ReceiptSummary) => receipts.set(list.map((receipt) => (receipt.id === updated.id ? updated : receipt)));

  return (
    <div className="receipt-panel">
      {list.length > 0 && (
        <ul className="receipt-list" aria-label="Handovers recorded">
          {list.map((receipt) => (
            <ReceiptCard key={receipt.id} receipt={receipt} inApp={inApp} onChanged={replace} />
          ))}
        </ul>
      )}
      {showForm ? (
        <section className="card" aria-labelledby="receipt-form-title">
          <h2 id="receipt-form-title">Who received the evidence</h2>
          {candidates.length > 1 && (
            <label className="form">
              <span>Which USB stick</span>
              <select value={bundleId} onChange={(event) => setChosen(event.target.value)} data-testid="receipt-bundle">
                {candidates.map((bundle) => (
                  <option key={bundle.id} value={bundle.id}>
                    {bundle.bundleName} (written {formatDateTime(bundle.finishedAt ?? bundle.createdAt)})
                  </option>
                ))}
              </select>
            </label>
          )}
          <ReceiptForm busy={busy} error={error} onRecord={record} />
        </section>
      ) : (
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => setAdding(true)} data-testid="receipt-another">
            Record another handover
          </button>
        </div>
      )}
      {list.length > 0 && (
        <div className="card">
          <p className="muted">A receipt printed now is filled in with the officer, the time and whether a copy was kept, from the latest handover recorded above.</p>
          <PapersSection bundle={candidates.find((bundle) => bundle.id === bundleId)!} inApp={inApp} />
        </div>
      )}
    </div>
  );
}
