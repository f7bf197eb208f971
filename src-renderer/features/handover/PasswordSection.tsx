import { useCallback, useId, useState } from 'react';
import { ErrorNote } from '../../components/ErrorNote';
import { passwordParts, partsInstruction, slipContent, strengthWords, type PasswordCheck } from './password-format';
import { PrintSlip } from './PasswordSlip';
import type { PasswordChoice } from './use-password-choice';

export interface SlipFacts {
  caseReference: string | null;
  caseTitle: string;
  bundleName: string | null;
  organisation: string | null;
}

/** The password split into numbered words (or groups), large and spaced, with the whole thing typed out below. */
export function PasswordWords(props: { password: string }) {
  const { kind, parts } = passwordParts(props.password);
  return (
    <div className="password-display">
      <p className="small">{partsInstruction(kind, parts.length)}</p>
      <ol className="password-words" data-testid="password-words">
        {parts.map((part, index) => (
          <li key={index}>
            <span className="word-number">{index + 1}</span>
            <span className="password-word">{part}</span>
          </li>
        ))}
      </ol>
      <p className="small muted">Typed in full:</p>
      <p className="password-full" data-testid="password-full">
        {props.password}
      </p>
    </div>
  );
}

export function StrengthMeter(props: { check: PasswordCheck | null; checking: boolean }) {
  const { check } = props;
  const score = check?.score ?? 0;
  return (
    <div className="strength" aria-live="polite" data-testid="password-strength" data-ok={check?.ok ?? false}>
      <div className={`strength-bar score-${score}${check?.ok ? ' strong' : ''}`} aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={step <= score ? 'filled' : ''} />
        ))}
      </div>
      <p className="strength-words">
        {check ? <strong>{strengthWords(score)}</strong> : props.checking ? <span className="muted">Checking…</span> : null}
        {check && check.feedback && (
          <span className="block" data-testid="password-feedback">
            {check.feedback}
          </span>
        )}
      </p>
    </div>
  );
}

/**
 * "The password": the suggested words (with "Print password slip"), or the person's own with a strength meter, and
 * the box to tick once it is written down. It is shown only here and only until the evidence is written.
 */
export function PasswordSection(props: { choice: PasswordChoice; disabled: boolean; slip: SlipFacts }) {
  const { choice, disabled } = props;
  const ids = useId();
  const [printing, setPrinting] = useState(false);
  const stopPrinting = useCallback(() => setPrinting(false), []);
  const canPrint = choice.password !== null && (choice.mode === 'suggested' || choice.state === 'ready');

  return (
    <section className="card handover-password" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>The password</h2>
      <p>The evidence is locked with a password. The police need it to open the evidence, so write it down or print it now.</p>
      {choice.mode === 'suggested' ? (
        choice.suggested ? <PasswordWords password={choice.suggested} /> : !choice.error && <p className="muted">Making a password…</p>
      ) : (
        <div className="form own-password">
          <label>
            <span>Your own password</span>
            <input
              type="text"
              value={choice.own}
              onChange={(event) => choice.setOwn(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              data-testid="own-password"
            />
          </label>
          <p className="muted small">At least 16 characters. A few unrelated words with spaces are easy to read out and hard to guess.</p>
          {choice.own !== '' && <StrengthMeter check={choice.ownCheck} checking={choice.state === 'checking'} />}
        </div>
      )}
      <ErrorNote message={choice.error} />
      <div className="actions">
        <button type="button" className="button secondary" disabled={disabled || !canPrint} onClick={() => setPrinting(true)} data-testid="print-slip">
          Print password slip
        </button>
        {choice.mode === 'suggested' ? (
          <>
            <button type="button" className="button link" disabled={disabled} onClick={choice.renew}>
              Suggest other words
            </button>
            <button type="button" className="button link" disabled={disabled} onClick={() => choice.setMode('own')} data-testid="use-own-password">
              Use my own password instead
            </button>
          </>
        ) : (
          <button type="button" className="button link" disabled={disabled} onClick={() => choice.setMode('suggested')}>
            Use the suggested words instead
          </button>
        )}
      </div>
      <label className="check-row password-confirm">
        <input
          type="checkbox"
          checked={choice.confirmed}
          disabled={disabled || choice.password === null}
          onChange={(event) => choice.setConfirmed(event.target.checked)}
          required
          data-testid="password-confirmed"
        />
        <span>
          <strong>I have written down or printed the password. It cannot be shown again.</strong>
        </span>
      </label>
      <p className="warning small">Give the password to the police separately from the USB stick, by phone or in person. Never write it on the stick or its packaging.</p>
      {printing && choice.password !== null && <PrintSlip slip={slipContent({ ...props.slip, password: choice.password })} onDone={stopPrinting} />}
    </section>
  );
}
