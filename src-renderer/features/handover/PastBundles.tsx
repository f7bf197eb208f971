import { useState, type FormEvent } from 'react';
import type { BundleSummary, BundleVerification } from '../../../src-shared/domain/bundle';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format';
import { BundleDetails } from './BundleResult';
import { BUNDLE_STATE_WORDS } from './handover-format';
import { verificationSummary } from './password-format';

function VerifyResult(props: { result: BundleVerification }) {
  const { result } = props;
  return (
    <div className="verify-result" data-testid="verify-result" data-ok={result.ok}>
      <p className={result.ok ? 'ok' : 'error-note'} role={result.ok ? undefined : 'alert'}>
        {result.ok ? '✓ ' : ''}
        {verificationSummary(result)}
      </p>
      {!result.ok && (
        <ul className="preflight-list">
          {result.checks
            .filter((check) => !check.ok)
            .map((check, index) => (
              <li key={index} className="preflight-check failed-check">
                <span className="preflight-mark" aria-hidden="true">
                  ✗
                </span>
                <span>{check.message}</span>
              </li>
            ))}
        </ul>
      )}
      <details className="export-details">
        <summary>Details</summary>
        <ul className="small verify-checks">
          {result.checks.map((check, index) => (
            <li key={index}>
              {check.ok ? '✓' : '✗'} {check.message}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** One earlier write, and for a finished one "Check the USB stick again" (the password is optional). */
function PastBundle(props: { bundle: BundleSummary }) {
  const api = useApi();
  const { bundle } = props;
  const [password, setPassword] = useState('');
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<BundleVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = (event: FormEvent) => {
    event.preventDefault();
    setChecking(true);
    setError(null);
    setResult(null);
    api.bundle.verify({ bundleId: bundle.id, password: password === '' ? null : password }).then(
      (verified) => {
        setChecking(false);
        setPassword('');
        setResult(verified);
      },
      (failure: unknown) => {
        setChecking(false);
        setPassword('');
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <li className="output-row past-bundle" data-testid="past-bundle" data-state={bundle.state}>
      <div className="output-head">
        <strong className="file-path">{bundle.bundleName}</strong>
        <span className={bundle.state === 'succeeded' ? 'ok small' : bundle.state === 'running' ? 'small' : 'problem small'}>{BUNDLE_STATE_WORDS[bundle.state]}</span>
      </div>
      <p className="muted small">
        Started {formatDateTime(bundle.createdAt)}
        {bundle.destination && <> · {bundle.destination}</>}
      </p>
      {bundle.state === 'failed' && bundle.error && <p className="small">{bundle.error}</p>}
      {bundle.state === 'succeeded' && (
        <>
          <form className="form verify-form" onSubmit={check} aria-label={`Check ${bundle.bundleName} again`}>
            <label>
              <span className="small">Password (optional: with it, every file inside is checked too)</span>
              <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="off" disabled={checking} data-testid="verify-password" />
            </label>
            <button type="submit" className="button secondary" disabled={checking} data-testid="verify-bundle">
              Check the USB stick again
            </button>
          </form>
          {checking && <p className="muted">Reading the USB stick back… this can take a few minutes for a lot of footage.</p>}
          <ErrorNote message={error} />
          {result && <VerifyResult result={result} />}
          <BundleDetails bundle={bundle} />
        </>
      )}
    </li>
  );
}

/** Every evidence bundle written for this case, newest first. */
export function PastBundles(props: { bundles: BundleSummary[] }) {
  if (props.bundles.length === 0) return null;
  return (
    <section className="card past-bundles" aria-labelledby="past-bundles-title">
      <h2 id="past-bundles-title">Earlier writes to a USB stick for this case</h2>
      <p className="small muted">Plug the USB stick back in to check that it still holds exactly what was written.</p>
      <ul className="output-list">
        {props.bundles.map((bundle) => (
          <PastBundle key={bundle.id} bundle={bundle} />
        ))}
      </ul>
    </section>
  );
}
