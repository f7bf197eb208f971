import { useId, useState } from 'react';
import { DEMO_LAYOUTS, type DemoLayout } from '../../../src-shared/domain/catalogue';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { TypedPathForm } from '../../components/TypedPathForm';
import { DEMO_LAYOUT_LABELS } from './footage-format';

export interface StartedFootageJob {
  jobId: string;
  /** The folder just added, to show it; null for demo footage, whose folder appears when it is made. */
  sourceId: string | null;
}

/**
 * "Add footage folder": in the app a folder picker opens (the window never sends a typed path); in a browser, where
 * there is no picker, the person types the folder. Plus demo footage to try Handover without a recorder.
 */
export function AddFootage(props: { caseId: string; busy: boolean; hasFolders: boolean; onStarted: (started: StartedFootageJob) => void }) {
  const api = useApi();
  const ids = useId();
  // Inside Electron the preload sets window.handover; only the browser bridge may send a typed path.
  const inApp = window.handover !== undefined;
  const [path, setPath] = useState('');
  const [layout, setLayout] = useState<DemoLayout>('dahua');
  const [codec, setCodec] = useState<'h264' | 'hevc'>('h264');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const disabled = props.busy || sending;

  const addFolder = (folder: { kind: 'dialog' } | { kind: 'typed'; path: string }) => {
    setSending(true);
    setError(null);
    api.footage.addFolder({ caseId: props.caseId, folder }).then(
      (added) => {
        setSending(false);
        // null: the person closed the folder picker without choosing. Nothing to do.
        if (!added) return;
        if (folder.kind === 'typed') setPath('');
        props.onStarted({ jobId: added.jobId, sourceId: added.source.id });
      },
      (failure: unknown) => {
        setSending(false);
        setError(errorMessage(failure));
      },
    );
  };

  const addDemo = () => {
    setSending(true);
    setError(null);
    api.footage.addDemo({ caseId: props.caseId, layout, codec }).then(
      (started) => {
        setSending(false);
        props.onStarted({ jobId: started.jobId, sourceId: null });
      },
      (failure: unknown) => {
        setSending(false);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <section className="card add-footage" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{props.hasFolders ? 'Add another footage folder' : 'Add footage'}</h2>
      <p>Choose the folder the recorder saved its recordings to: on this computer, a USB stick or a network drive. Nothing in it is changed.</p>
      {inApp ? (
        <div className="actions">
          <button type="button" className="button primary big" disabled={disabled} onClick={() => addFolder({ kind: 'dialog' })}>
            Add footage folder
          </button>
        </div>
      ) : (
        <TypedPathForm
          ariaLabel="Add footage folder"
          label="Folder on this computer"
          placeholder="For example /media/usb/NVR or D:\DVR"
          buttonText="Add"
          name="folder"
          value={path}
          disabled={disabled}
          onChange={setPath}
          onSubmit={(typed) => addFolder({ kind: 'typed', path: typed })}
        />
      )}
      <ErrorNote message={error} />
      <div className="demo-footage">
        <p className="muted">No recorder footage to hand? Try Handover with made-up recordings first.</p>
        <div className="demo-row">
          <label className="inline-field">
            <span>Recorder make</span>
            <select value={layout} onChange={(event) => setLayout(event.target.value as DemoLayout)}>
              {DEMO_LAYOUTS.map((id) => (
                <option key={id} value={id}>
                  {DEMO_LAYOUT_LABELS[id]}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>Video format</span>
            <select value={codec} onChange={(event) => setCodec(event.target.value === 'hevc' ? 'hevc' : 'h264')}>
              <option value="h264">H.264 (most recorders)</option>
              <option value="hevc">H.265 / HEVC (newer recorders)</option>
            </select>
          </label>
          <button type="button" className="button secondary" disabled={disabled} onClick={addDemo}>
            Try with demo footage
          </button>
        </div>
      </div>
    </section>
  );
}
