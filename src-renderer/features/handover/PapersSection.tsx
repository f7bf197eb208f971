import { useState, type FormEvent } from 'react';
import type { BundleSummary } from '../../../src-shared/domain/bundle';
import { JURISDICTIONS, type Jurisdiction, type PaperKind, type PaperSummary, type StatementDetails } from '../../../src-shared/domain/receipt';
import { useApi } from '../../api/api-context';
import { errorMessage, useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDateTime } from '../../format';
import { formatBytes } from '../review/review-format';

const JURISDICTION_LABELS: Record<Jurisdiction, string> = {
  uk: 'England and Wales (MG11 witness statement)',
  us: 'United States (declaration under 28 U.S.C. § 1746)',
  generic: 'Somewhere else (a plain statement)',
};

const PAPER_LABELS: Record<PaperKind, string> = { receipt: 'Handover receipt', statement: 'Your witness statement' };

/**
 * The papers that go with the stick: the handover receipt (producer copy and police copy, signed by both) and the
 * producer's witness statement. Each is a PDF kept with the case; in the app it opens in the PDF reader to print.
 */
export function PapersSection(props: { bundle: BundleSummary; inApp: boolean }) {
  const api = useApi();
  const { bundle, inApp } = props;
  const papers = useLoad(() => api.paper.list({ bundleId: bundle.id }), bundle.id);
  const [busy, setBusy] = useState<PaperKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statementOpen, setStatementOpen] = useState(false);

  const make = (kind: PaperKind, details: StatementDetails | null) => {
    setBusy(kind);
    setError(null);
    api.paper
      .make({ bundleId: bundle.id, kind, details })
      .then(async (paper) => {
        papers.reload();
        if (inApp) await api.paper.open({ paperId: paper.id });
        else window.open(paper.url, '_blank', 'noopener');
        setBusy(null);
        if (kind === 'statement') setStatementOpen(false);
      })
      .catch((failure: unknown) => {
        setBusy(null);
        setError(errorMessage(failure));
      });
  };

  return (
    <section className="papers" aria-labelledby="papers-title" data-testid="papers">
      <h3 id="papers-title">Papers to print</h3>
      <div className="actions">
        <button type="button" className="button primary big" disabled={busy !== null} onClick={() => make('receipt', null)} data-testid="paper-receipt">
          {busy === 'receipt' ? 'Making the receipt…' : 'Print the handover receipt'}
        </button>
        <button type="button" className="button secondary" disabled={busy !== null} onClick={() => setStatementOpen(true)} data-testid="paper-statement-open">
          Write my witness statement
        </button>
      </div>
      {statementOpen && <StatementForm busy={busy === 'statement'} onCancel={() => setStatementOpen(false)} onMake={(details) => make('statement', details)} />}
      <ErrorNote message={error ?? papers.error} />
      {papers.data && papers.data.length > 0 && <PaperList papers={papers.data} inApp={inApp} onOpen={(paper) => void api.paper.open({ paperId: paper.id }).catch((failure: unknown) => setError(errorMessage(failure)))} />}
    </section>
  );
}

function PaperList(props: { papers: PaperSummary[]; inApp: boolean; onOpen: (paper: PaperSummary) => void }) {
  return (
    <ul className="output-list paper-list">
      {props.papers.map((paper) => (
        <li key={paper.id} className="output-row" data-testid="paper-row" data-kind={paper.kind}>
          <div className="output-head">
            <strong>{PAPER_LABELS[paper.kind]}</strong>
            <span className="muted small">
              {formatDateTime(paper.createdAt)} · {formatBytes(paper.bytes)}
            </span>
          </div>
          {props.inApp ? (
            <button type="button" className="button link" onClick={() => props.onOpen(paper)}>
              Open {paper.fileName}
            </button>
          ) : (
            <a href={paper.url} target="_blank" rel="noopener" data-testid="paper-link">
              Open {paper.fileName}
            </a>
          )}
          <p className="fingerprint small">SHA-256 {paper.sha256}</p>
        </li>
      ))}
    </ul>
  );
}

/** What only the producer can say: their role, the recorder's make and serial, how they checked its clock. */
function StatementForm(props: { busy: boolean; onCancel: () => void; onMake: (details: StatementDetails) => void }) {
  const [form, setForm] = useState({ jurisdiction: 'uk' as Jurisdiction, role: '', systemMakeModel: '', systemSerial: '', clockCheckNote: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const field = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.role.trim() === '') {
      setProblem('Please say what your role is, for example Store manager.');
      return;
    }
    setProblem(null);
    const text = (value: string) => (value.trim() === '' ? null : value.trim());
    props.onMake({
      jurisdiction: form.jurisdiction,
      role: form.role.trim(),
      systemMakeModel: text(form.systemMakeModel),
      systemSerial: text(form.systemSerial),
      clockCheckNote: text(form.clockCheckNote),
    });
  };
  return (
    <form className="form statement-form" onSubmit={submit} aria-label="Your witness statement" data-testid="statement-form">
      <p className="muted">Handover writes the statement from what it recorded. Add what only you know; you sign it by hand once printed.</p>
      <label>
        <span>Where the case is</span>
        <select value={form.jurisdiction} onChange={field('jurisdiction')} data-testid="statement-jurisdiction">
          {JURISDICTIONS.map((jurisdiction) => (
            <option key={jurisdiction} value={jurisdiction}>
              {JURISDICTION_LABELS[jurisdiction]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Your role</span>
        <input value={form.role} onChange={field('role')} placeholder="For example Store manager" data-testid="statement-role" />
      </label>
      <label>
        <span>Recorder make and model (on a label on the box)</span>
        <input value={form.systemMakeModel} onChange={field('systemMakeModel')} placeholder="For example Dahua NVR4108HS" data-testid="statement-make" />
      </label>
      <label>
        <span>Recorder serial number</span>
        <input value={form.systemSerial} onChange={field('systemSerial')} data-testid="statement-serial" />
      </label>
      <label>
        <span>How you checked the recorder&rsquo;s clock (optional)</span>
        <textarea value={form.clockCheckNote} onChange={field('clockCheckNote')} rows={2} placeholder="For example: I compared it with the speaking clock on my phone." data-testid="statement-clock" />
      </label>
      <ErrorNote message={problem} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={props.busy} data-testid="statement-make-button">
          {props.busy ? 'Making the statement…' : 'Make my statement'}
        </button>
        <button type="button" className="button link" disabled={props.busy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
