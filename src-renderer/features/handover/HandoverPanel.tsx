import { useEffect, useRef, useState } from 'react';
import type { Destination } from '../../../src-shared/domain/bundle';
import type { StepId } from '../../../src-shared/domain/cases';
import { isTerminalJobState } from '../../../src-shared/domain/jobs';
import { useApi } from '../../api/api-context';
import { useCaseRefreshOnSuccess } from '../../api/use-case-refresh';
import { errorMessage, useJob, useLoad } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { exportRunState } from '../export/export-format';
import { BundleResult } from './BundleResult';
import { DestinationSection } from './DestinationSection';
import { ExportChoice } from './ExportChoice';
import { bundlesNewestFirst, destinationReady, failureMessage, newerExportRunning, newestFinishedExport, writeBlockers } from './handover-format';
import { PasswordSection } from './PasswordSection';
import { PastBundles } from './PastBundles';
import { ProducerSection } from './ProducerSection';
import { useDestination } from './use-destination';
import { useDrives } from './use-drives';
import { usePasswordChoice } from './use-password-choice';
import { WriteEnded, WriteSection } from './WriteSection';

/** How often, at most, the list of bundles is read again while it still says "running" for a job that has ended. */
const MAX_CATCH_UPS = 20;

/**
 * Step 5's content: who is handing over, which export, the USB stick and its checks, the password, then one big
 * "Write to USB stick" with progress, the result with the details for the police, and the bundles written before.
 */
export function HandoverPanel(props: { caseId: string; caseReference: string | null; caseTitle: string; onStep: (step: StepId) => void; onCaseChanged: () => void }) {
  const api = useApi();
  const { caseId } = props;
  // Inside Electron the preload sets window.handover; only the browser bridge may send a typed path.
  const inApp = window.handover !== undefined;
  const producer = useLoad(() => api.producer.get({}), 'producer');
  const exports = useLoad(() => api.export.list({ caseId }), caseId);
  const bundles = useLoad(() => api.bundle.list({ caseId }), caseId);
  const choice = usePasswordChoice(caseId);
  const finished = newestFinishedExport(exports.data ?? []);
  const stick = useDestination({ caseId, exportId: finished?.id ?? null });
  const [editingProducer, setEditingProducer] = useState(false);
  // The write started on this screen, or one still running when the screen opened; `dismissed` is one put aside.
  const [followed, setFollowed] = useState<{ bundleId: string; jobId: string } | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [clearedFor, setClearedFor] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sorted = bundlesNewestFirst(bundles.data ?? []);
  const runningBundle = sorted.find((bundle) => bundle.state === 'running' && bundle.id !== dismissed) ?? null;
  if (followed === null && runningBundle) setFollowed({ bundleId: runningBundle.id, jobId: runningBundle.jobId });
  const summary = sorted.find((bundle) => bundle.id === followed?.bundleId) ?? null;
  const job = useJob(followed?.jobId ?? null);
  const runState = exportRunState({ current: followed !== null, job, summary });
  const busy = sending || runState === 'starting' || runState === 'running';
  useCaseRefreshOnSuccess({ succeeded: runState === 'succeeded' && summary?.state === 'succeeded', onCaseChanged: props.onCaseChanged });
  // The list of sticks refreshes itself only while the person is choosing one.
  const drives = useDrives({ active: finished !== null && stick.destination === null && (runState === null || runState === 'starting') });

  // Once the evidence is written the password is forgotten: it is never shown again.
  if (runState === 'succeeded' && followed && clearedFor !== followed.bundleId) {
    setClearedFor(followed.bundleId);
    choice.clear();
  }

  // When the job ends, the stored bundle (its fingerprints) is read again until it says how it ended too.
  const behind = job !== null && isTerminalJobState(job.state) && (summary === null || summary.state === 'running');
  const catchUps = useRef(0);
  const bundlesRef = useRef(bundles);
  useEffect(() => {
    bundlesRef.current = bundles;
  });
  useEffect(() => {
    catchUps.current = 0;
  }, [followed?.jobId]);
  useEffect(() => {
    if (!behind || bundles.loading || catchUps.current >= MAX_CATCH_UPS) return undefined;
    const timer = setTimeout(
      () => {
        catchUps.current += 1;
        bundlesRef.current.reload();
      },
      catchUps.current === 0 ? 0 : 400,
    );
    return () => clearTimeout(timer);
  }, [behind, bundles.loading]);

  const write = (destination: Destination | null) => {
    if (!finished || !destination || choice.password === null) return;
    setSending(true);
    setError(null);
    api.bundle.start({ caseId, exportId: finished.id, destinationId: destination.destinationId, password: choice.password }).then(
      (started) => {
        setSending(false);
        setFollowed(started);
        bundles.reload();
      },
      (failure: unknown) => {
        setSending(false);
        setError(errorMessage(failure));
      },
    );
  };
  const cancel = () => {
    if (followed) api.jobs.cancel({ jobId: followed.jobId }).catch((failure: unknown) => setError(errorMessage(failure)));
  };
  const putAside = () => {
    setDismissed(followed?.bundleId ?? null);
    setFollowed(null);
    setError(null);
  };
  // The failed run's folder was removed, so the stick is checked again first; all well, it writes again at once.
  const tryAgain = () => {
    putAside();
    const canWrite = choice.state === 'ready' && choice.confirmed;
    stick.refresh((checked) => {
      if (canWrite && destinationReady(checked)) write(checked);
    });
  };
  const another = () => {
    putAside();
    stick.forget();
    choice.renew();
  };

  if (producer.error || exports.error) return <ErrorNote message={producer.error ?? exports.error} />;
  if (!exports.data || producer.loading) return <p className="muted">Getting step 5 ready…</p>;

  const profile = producer.data;
  const blockers = writeBlockers({
    hasProducer: profile !== null,
    editingProducer,
    hasExport: finished !== null,
    destination: stick.destination,
    password: choice.state,
    confirmed: choice.confirmed,
  });
  const earlier = sorted.filter((bundle) => bundle.state === 'succeeded' && bundle.id !== followed?.bundleId);

  return (
    <div className="handover-panel">
      <ProducerSection
        profile={profile}
        editing={editingProducer || profile === null}
        disabled={busy}
        onEdit={() => setEditingProducer(true)}
        onCancel={() => setEditingProducer(false)}
        onSaved={(saved) => {
          producer.set(saved);
          setEditingProducer(false);
        }}
      />
      <ExportChoice exportSummary={finished} newerRunning={newerExportRunning(exports.data, finished)} onStep={props.onStep} />
      {finished && runState === 'succeeded' && <BundleResult bundle={summary?.state === 'succeeded' ? summary : null} inApp={inApp} onAnother={another} />}
      {finished && (runState === 'failed' || runState === 'cancelled') && (
        <WriteEnded
          state={runState}
          message={failureMessage({ state: runState, jobError: job?.error?.message ?? null, bundleError: summary?.error ?? null })}
          busy={stick.checking || sending}
          onTryAgain={tryAgain}
          onChooseAnother={() => {
            putAside();
            stick.forget();
          }}
        />
      )}
      {finished && (runState === null || runState === 'starting' || runState === 'running') && (
        <>
          {earlier.length > 0 && runState === null && (
            <p className="muted" data-testid="handover-already-written">
              This evidence was already written to a USB stick (listed below). Only write it again if you need another copy.
            </p>
          )}
          <DestinationSection
            inApp={inApp}
            destination={stick.destination}
            busy={busy}
            checking={stick.checking}
            error={stick.error}
            drives={drives}
            onChoose={stick.choose}
            onCheckAgain={() => stick.refresh()}
            onRemoveUnfinished={() => stick.removeUnfinished()}
            onChooseAnother={stick.forget}
          />
          <PasswordSection
            choice={choice}
            disabled={busy}
            slip={{ caseReference: props.caseReference, caseTitle: props.caseTitle, bundleName: stick.destination?.bundleName ?? null, organisation: profile?.organisation ?? null }}
          />
          <WriteSection state={runState} job={job} blockers={blockers} sending={sending} error={error} onWrite={() => write(stick.destination)} onCancel={cancel} />
        </>
      )}
      <ErrorNote message={bundles.error} />
      <PastBundles bundles={sorted.filter((bundle) => bundle.id !== followed?.bundleId)} />
    </div>
  );
}
