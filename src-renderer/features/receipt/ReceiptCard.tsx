import { useState } from 'react';
import type { ReceiptSummary, ScanChoice } from '../../../src-shared/domain/receipt';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { TypedPathForm } from '../../components/TypedPathForm';
import { formatDateTime } from '../../format';
import { formatBytes } from '../review/review-format';
import { describeReceipt } from './receipt-form';

/** One recorded handover: who, when, how; its photos or scans of the signed receipt, each with its fingerprint. */
export function ReceiptCard(props: { receipt: ReceiptSummary; inApp: boolean; onChanged: (receipt: ReceiptSummary) => void }) {
  const api = useApi();
  const { receipt } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');

  const add = (source: ScanChoice) => {
    setBusy(true);
    setError(null);
    api.receipt.addScan({ receiptId: receipt.id, source }).then(
      (updated) => {
        setBusy(false);
        setTyped('');
        // null: the person closed the file picker without choosing.
        if (updated) props.onChanged(updated);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <li className="card receipt-card" data-testid="receipt-card">
      <p className="ok" data-testid="receipt-summary">
        ✓ {describeReceipt(receipt)}
      </p>
      <p className="muted small">
        Recorded {formatDateTime(receipt.recordedAt)}. {receipt.copyKept ? 'A copy was kept.' : 'No copy was kept.'}
      </p>
      {receipt.confirmation && <blockquote className="receipt-confirmation">{receipt.confirmation}</blockquote>}
      <h4>Photo or scan of the signed receipt</h4>
      {receipt.scans.length === 0 ? (
        <p className="muted">None yet. Take a photo of the signed police copy, or scan it, and add it here.</p>
      ) : (
        <ul className="output-list">
          {receipt.scans.map((scan) => (
            <li key={scan.sha256 + scan.addedAt} className="output-row" data-testid="receipt-scan">
              <div className="output-head">
                <a href={scan.url} target="_blank" rel="noopener">
                  {scan.fileName}
                </a>
                <span className="muted small">
                  {formatBytes(scan.bytes)} · added {formatDateTime(scan.addedAt)}
                </span>
              </div>
              <p className="fingerprint small" data-testid="receipt-scan-sha256">
                {scan.sha256}
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.inApp ? (
        <div className="actions">
          <button type="button" className="button secondary" disabled={busy} onClick={() => add({ kind: 'dialog' })} data-testid="receipt-add-scan">
            {busy ? 'Adding…' : 'Add photo or scan'}
          </button>
        </div>
      ) : (
        <TypedPathForm
          ariaLabel="Photo or scan to add"
          label="Photo or scan to add"
          placeholder="For example /home/shop/receipt.jpg"
          buttonText={busy ? 'Adding…' : 'Add photo or scan'}
          buttonClass="secondary"
          value={typed}
          disabled={busy}
          onChange={setTyped}
          onSubmit={(path) => add({ kind: 'typed', path })}
          testIds={{ input: 'receipt-scan-path', button: 'receipt-add-scan' }}
        />
      )}
      <ErrorNote message={error} />
    </li>
  );
}
