import type { BundleSummary } from '../../../src-shared/domain/bundle';
import { formatDateTime } from '../../format';
import { formatBytes } from '../review/review-format';
import { driveFacts, driveTitle } from './drive-format';
import { EjectSection } from './EjectSection';
import { PapersSection } from './PapersSection';

function verifyMethodText(method: string): string {
  if (method === 'direct') return 'straight from the USB stick';
  if (method === 'uncached') return "from the USB stick, after the computer's copy in memory was dropped";
  return `${method} (the computer may have read some parts from memory)`;
}

/** "Details for the police": the fingerprints of evidence.zip and of the certificate, and every exhibit's. */
export function BundleDetails(props: { bundle: BundleSummary }) {
  const { bundle } = props;
  return (
    <details className="export-details bundle-details" data-testid="bundle-details">
      <summary>Details for the police</summary>
      <dl className="output-details">
        <dt>Folder</dt>
        <dd className="file-path">{bundle.destination ? `${bundle.destination} → ${bundle.bundleName}` : bundle.bundleName}</dd>
        {bundle.drive && (
          <>
            <dt>USB stick</dt>
            <dd data-testid="bundle-drive">
              {driveTitle({ ...bundle.drive, displayPath: null })}
              {driveFacts({ ...bundle.drive, freeBytes: null }) && <> ({driveFacts({ ...bundle.drive, freeBytes: null })})</>}
              {bundle.drive.serial && <>, serial number {bundle.drive.serial}</>}
            </dd>
          </>
        )}
        {bundle.zipSha256 && (
          <>
            <dt>evidence.zip fingerprint (SHA-256)</dt>
            <dd className="fingerprint" data-testid="bundle-zip-sha256">
              {bundle.zipSha256}
            </dd>
          </>
        )}
        {bundle.zipBytes !== null && (
          <>
            <dt>evidence.zip size</dt>
            <dd>
              {formatBytes(bundle.zipBytes)} ({bundle.zipBytes.toLocaleString('en-GB')} bytes)
            </dd>
          </>
        )}
        {bundle.certificateFingerprint && (
          <>
            <dt>Certificate fingerprint (SHA-256)</dt>
            <dd className="fingerprint" data-testid="bundle-certificate">
              {bundle.certificateFingerprint}
            </dd>
          </>
        )}
        {bundle.verifyMethod && (
          <>
            <dt>Read back</dt>
            <dd>{verifyMethodText(bundle.verifyMethod)}</dd>
          </>
        )}
      </dl>
      {bundle.exhibits.length > 0 && (
        <>
          <h4>Exhibits inside evidence.zip</h4>
          <ul className="output-list exhibit-list">
            {bundle.exhibits.map((exhibit) => (
              <li key={exhibit.id} className="output-row" data-testid="bundle-exhibit">
                <div className="output-head">
                  <strong>{exhibit.id}</strong>
                  <span className="muted small">{formatBytes(exhibit.size)}</span>
                </div>
                <p className="file-path">{exhibit.file}</p>
                <p className="fingerprint" data-testid="bundle-exhibit-sha256">
                  {exhibit.sha256}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/** The write succeeded: say so plainly, name the folder, what to do next, and the details for the police. */
export function BundleResult(props: { bundle: BundleSummary | null; inApp: boolean; onAnother: () => void }) {
  const { bundle } = props;
  return (
    <section className="card handover-done" aria-labelledby="handover-done-title" data-testid="bundle-done">
      <h2 id="handover-done-title" className="ok">
        ✓ Done
      </h2>
      <p className="lead">Done. The evidence is on the USB stick and was read back to check it.</p>
      {bundle ? (
        <>
          <p>
            The folder on the USB stick is called{' '}
            <strong className="file-path" data-testid="bundle-done-name">
              {bundle.bundleName}
            </strong>
            {bundle.finishedAt && <> (written {formatDateTime(bundle.finishedAt)})</>}.
          </p>
          <EjectSection bundle={bundle} />
          <ol className="next-steps">
            <li>Print the handover receipt below, and take it with the USB stick.</li>
            <li>Give the USB stick to the police, and have the officer sign both copies of the receipt. Keep the producer copy.</li>
            <li>Give the password separately, by phone or in person. Never write it on the stick or its packaging.</li>
          </ol>
          <PapersSection bundle={bundle} inApp={props.inApp} />
          <BundleDetails bundle={bundle} />
        </>
      ) : (
        <p className="muted">Reading what was written…</p>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={props.onAnother} data-testid="bundle-another">
          Write another copy to a different USB stick
        </button>
      </div>
    </section>
  );
}
