import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src-shared/client';
import type { BundleSummary, Destination } from '../../../src-shared/domain/bundle';
import { SAMPLE_COMPUTER_DISK, SAMPLE_STICK } from '../../../src-shared/domain/drive-sample.fixture';
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { ApiProvider } from '../../api/api-context';
import { BundleResult } from './BundleResult';
import { DestinationSection, PreflightChecklist } from './DestinationSection';
import { PasswordSection } from './PasswordSection';
import { SlipView } from './PasswordSlip';
import { ProducerSection } from './ProducerSection';
import { slipContent } from './password-format';
import type { PasswordChoice } from './use-password-choice';
import { WriteEnded, WriteSection } from './WriteSection';

const PASSWORD = 'walnut-geranium-oxford-bakery-tulip-sprint-ladle-humid';
const noop = () => undefined;

/** The person's words outside the "Details" panels an expert opens. */
function outsideDetails(html: string): string {
  return html.replace(/<details[\s\S]*?<\/details>/g, '').toLowerCase();
}

function expectPlainWords(html: string) {
  const words = outsideDetails(html);
  for (const avoided of ['hash', 'cms', 'zip64', 'sha-256', 'fingerprint']) expect(words, avoided).not.toContain(avoided);
}

const destination: Destination = {
  destinationId: '6c1f7d64-3f3e-4a4c-9a7b-1d2e3f4a5b6c',
  displayPath: '/media/shop/KINGSTON',
  bundleName: 'HANDOVER_44-12345-26_20260320-1005',
  ok: false,
  checks: [
    { id: 'exists', ok: true, message: 'The folder is there.' },
    { id: 'free_space', ok: false, message: 'There is 1.0 GB free on the USB stick; the evidence needs 2.0 GB.' },
  ],
  filesystem: 'FAT32',
  freeBytes: 1_000_000_000,
  neededBytes: 2_000_000_000,
  stalePartial: false,
};

const stick = SAMPLE_STICK;
const computerDisk = SAMPLE_COMPUTER_DISK;

const bundle: BundleSummary = {
  id: '0b7b8b3e-2f7c-4e0b-9a59-5c1d2e3f4a5b',
  caseId: '0f6f9f5e-8d2b-4a1a-9d53-0d2b6f4e7a11',
  exportId: '7d1c1b7e-4f55-4a53-9a2b-1f8a3c1e2d40',
  jobId: '5b2a5e7c-0c6d-4f0e-8a39-2f3f4a6d9c12',
  state: 'succeeded',
  bundleName: 'HANDOVER_44-12345-26_20260320-1005',
  destination: '/media/shop/KINGSTON',
  zipSha256: 'b'.repeat(64),
  zipBytes: 86_500_000,
  certificateFingerprint: '3A:7F:00:11',
  exhibits: [{ id: 'JS/1', kind: 'master', file: 'masters/Till/a.dav', size: 80_000_000, sha256: 'c'.repeat(64) }],
  verifyMethod: 'direct',
  createdAt: '2026-03-20T10:05:00Z',
  finishedAt: '2026-03-20T10:07:00Z',
  error: null,
  drive: null,
  eject: null,
};

function choice(overrides: Partial<PasswordChoice> = {}): PasswordChoice {
  return {
    mode: 'suggested',
    password: PASSWORD,
    suggested: PASSWORD,
    own: '',
    ownCheck: null,
    state: 'ready',
    confirmed: false,
    error: null,
    setMode: noop,
    setOwn: noop,
    setConfirmed: noop,
    renew: noop,
    clear: noop,
    ...overrides,
  };
}

describe('choosing the USB stick', () => {
  it('shows every check with ✓ or ✗, and says writing cannot start yet', () => {
    const html = renderToStaticMarkup(<PreflightChecklist destination={destination} />);
    expect(html).toContain('✓');
    expect(html).toContain('✗');
    expect(html).toContain('data-check="free_space" data-ok="false"');
    expect(html).toContain('cannot be written here yet');
    expect(renderToStaticMarkup(<PreflightChecklist destination={{ ...destination, ok: true, checks: [destination.checks[0]!] }} />)).toContain('Everything is ready for writing');
  });

  it('lists the sticks plugged in as big buttons, and the drives it refuses with the reason', () => {
    const props = { destination: null, busy: false, checking: false, error: null, onChoose: noop, onCheckAgain: noop, onRemoveUnfinished: noop, onChooseAnother: noop };
    const html = renderToStaticMarkup(<DestinationSection inApp {...props} drives={{ drives: [stick, computerDisk], error: null }} />);
    expect(html).toContain('Use KINGSTON');
    expect(html).toContain('Kingston DataTraveler 3.0 · 15.9 GB · FAT32 · 12.3 GB free');
    expect(html).toContain('1 other drive Handover will not write to');
    expect(html).toContain("This is the computer&#x27;s own disk, so Handover will not write to it.");
    expect(html.match(/data-testid="drive-choice"/g)).toHaveLength(1);
    const none = renderToStaticMarkup(<DestinationSection inApp {...props} drives={{ drives: [computerDisk], error: null }} />);
    expect(none).toContain('No USB stick found yet. Plug one in: it appears here by itself within a few seconds.');
    const waiting = renderToStaticMarkup(<DestinationSection inApp {...props} drives={{ drives: null, error: null }} />);
    expect(waiting).toContain('Looking for USB sticks…');
  });

  it('offers a folder picker in the app, and a folder to type in a browser, for a stick not in the list', () => {
    const props = { destination: null, busy: false, checking: false, error: null, drives: { drives: [], error: null }, onChoose: noop, onCheckAgain: noop, onRemoveUnfinished: noop, onChooseAnother: noop };
    const inApp = renderToStaticMarkup(<DestinationSection inApp {...props} />);
    expect(inApp).toContain('Choose a folder instead');
    expect(inApp).not.toContain('Folder to write to');
    const browser = renderToStaticMarkup(<DestinationSection inApp={false} {...props} />);
    expect(browser).toContain('Folder to write to');
    expect(browser).not.toContain('data-testid="choose-usb"');
    const chosen = renderToStaticMarkup(<DestinationSection inApp={false} {...props} destination={destination} />);
    expect(chosen).toContain('Check again');
    expect(chosen).toContain('Choose a different USB stick');
    expect(chosen).toContain('HANDOVER_44-12345-26_20260320-1005');
    expect(chosen).not.toContain('Delete the unfinished copy');
    expectPlainWords(chosen);
    const leftover = renderToStaticMarkup(<DestinationSection inApp={false} {...props} destination={{ ...destination, stalePartial: true }} />);
    expect(leftover).toContain('Delete the unfinished copy');
  });
});

describe('the password', () => {
  const slip = { caseReference: '44/12345/26', caseTitle: 'Theft', bundleName: destination.bundleName, organisation: 'Corner Shop Ltd' };

  it('shows the suggested words numbered, the print button, the other choice and the box to tick', () => {
    const html = renderToStaticMarkup(<PasswordSection choice={choice()} disabled={false} slip={slip} />);
    expect(html).toContain('<span class="word-number">8</span><span class="password-word">humid</span>');
    expect(html).toContain(`data-testid="password-full">${PASSWORD}<`);
    expect(html).toContain('Print password slip');
    expect(html).toContain('Use my own password instead');
    expect(html).toContain('I have written down or printed the password. It cannot be shown again.');
    // The slip is only put in the page while printing.
    expect(html).not.toContain('class="print-slip"');
    expectPlainWords(html);
  });

  it('shows the strength and the advice for the person\u2019s own password', () => {
    const own = 'my shop password';
    const html = renderToStaticMarkup(
      <PasswordSection
        choice={choice({ mode: 'own', own, password: own, state: 'weak', ownCheck: { ok: false, guessesLog10: 9, feedback: 'Add another word or two.', score: 1 } })}
        disabled={false}
        slip={slip}
      />,
    );
    expect(html).toContain('Weak');
    expect(html).toContain('Add another word or two.');
    expect(html).toContain('Use the suggested words instead');
    expect(html).not.toContain('data-testid="password-words"');
  });

  it('prints the case, the folder, the numbered words and the warning', () => {
    const html = renderToStaticMarkup(<SlipView slip={slipContent({ ...slip, password: PASSWORD })} />);
    expect(html).toContain('44/12345/26');
    expect(html).toContain(destination.bundleName);
    expect(html).toContain('<li>walnut</li>');
    expect(html).toContain('Give this to the police separately from the USB stick — by phone or in person. Never write it on the stick or its packaging.');
  });
});

describe('writing', () => {
  it('keeps the button disabled and says why until everything is ready', () => {
    const props = { state: null, job: null, sending: false, error: null, onWrite: noop, onCancel: noop };
    const blocked = renderToStaticMarkup(<WriteSection {...props} blockers={['Choose the USB stick.']} />);
    expect(blocked).toMatch(/<button[^>]*disabled=""[^>]*data-testid="write-usb"/);
    expect(blocked).toContain('Choose the USB stick.');
    const ready = renderToStaticMarkup(<WriteSection {...props} blockers={[]} />);
    expect(ready).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="write-usb"/);
  });

  it('shows the phase, the bar, the time left and Cancel while writing', () => {
    const job: JobSnapshot = {
      id: bundle.jobId,
      kind: 'bundle.write',
      caseId: bundle.caseId,
      state: 'running',
      progress: { phase: 'Writing to the USB stick', ratio: 0.55, etaS: 120 },
      createdAt: '2026-03-20T10:05:00Z',
      startedAt: '2026-03-20T10:05:00Z',
      finishedAt: null,
      error: null,
      result: null,
    };
    const html = renderToStaticMarkup(<WriteSection state="running" job={job} blockers={[]} sending={false} error={null} onWrite={noop} onCancel={noop} />);
    expect(html).toContain('Writing to the USB stick');
    expect(html).toContain('aria-valuenow="55"');
    expect(html).toContain('About 2 minutes left');
    expect(html).toContain('Cancel');
  });

  it('on failure gives the plain message and Try again', () => {
    const message = 'The USB stick was removed while writing. Nothing on it is usable. Plug it back in and press Try again.';
    const html = renderToStaticMarkup(<WriteEnded state="failed" message={message} busy={false} onTryAgain={noop} onChooseAnother={noop} />);
    expect(html).toContain(message);
    expect(html).toContain('Try again');
  });

  it('on success says it is done, and keeps the fingerprints in the details for the police', () => {
    const html = renderToStaticMarkup(
      <ApiProvider api={{} as ApiClient}>
        <BundleResult bundle={bundle} inApp onAnother={noop} />
      </ApiProvider>,
    );
    expect(html).toContain('Done. The evidence is on the USB stick and was read back to check it.');
    expect(html).toContain('Eject the USB stick safely');
    expect(html).toContain('Print the handover receipt');
    expect(html).toContain(bundle.bundleName);
    expect(html).toContain('Details for the police');
    expect(html).toContain('b'.repeat(64));
    expect(html).toContain('3A:7F:00:11');
    expect(html).toContain('c'.repeat(64));
    expect(html).not.toContain(PASSWORD);
    expectPlainWords(html);
  });
});

describe('after writing to a stick from the list', () => {
  const onStick: BundleSummary = { ...bundle, drive: { label: 'KINGSTON', model: 'Kingston DataTraveler 3.0', serial: '60A44C413C3BF1A0B9A3013D', sizeBytes: 15_931_539_456, filesystem: 'FAT32' } };
  const render = (summary: BundleSummary) =>
    renderToStaticMarkup(
      <ApiProvider api={{} as ApiClient}>
        <BundleResult bundle={summary} inApp onAnother={noop} />
      </ApiProvider>,
    );

  it('says it is safe to remove once the eject was confirmed, with no button', () => {
    const html = render({ ...onStick, eject: { ok: true, message: 'You can now remove the USB stick.', vetoedBy: null } });
    expect(html).toContain('✓ You can now remove the USB stick.');
    expect(html).not.toContain('data-testid="eject-again"');
    expect(html).toContain('KINGSTON (Kingston DataTraveler 3.0 · 15.9 GB · FAT32), serial number 60A44C413C3BF1A0B9A3013D');
  });

  it('says who refused, and offers Eject again, when a program still had it open', () => {
    const message = 'Explorer is still using the USB stick. Close it, then press Eject again. Do not remove the stick yet.';
    const html = render({ ...onStick, eject: { ok: false, message, vetoedBy: 'Explorer' } });
    expect(html).toContain(`✗ ${message}`);
    expect(html).toContain('data-testid="eject-again"');
    expectPlainWords(html);
  });
});

describe('who is handing over', () => {
  const api = {} as ApiClient;
  const profile = { organisation: 'Corner Shop Ltd', person: 'Jane Smith', contact: '07700 900123', initials: 'JS' };

  it('asks for the details, saying why, when none are saved', () => {
    const html = renderToStaticMarkup(
      <ApiProvider api={api}>
        <ProducerSection profile={null} editing disabled={false} onEdit={noop} onSaved={noop} onCancel={noop} />
      </ApiProvider>,
    );
    expect(html).toContain('This goes on the evidence and on the signature, so the police know who made it.');
    expect(html).toContain('Shop or business name');
    expect(html).not.toContain('Keep the saved details');
  });

  it('shows saved details in one line with Edit', () => {
    const html = renderToStaticMarkup(
      <ApiProvider api={api}>
        <ProducerSection profile={profile} editing={false} disabled={false} onEdit={noop} onSaved={noop} onCancel={noop} />
      </ApiProvider>,
    );
    expect(html).toContain('Jane Smith, Corner Shop Ltd · 07700 900123 · initials JS');
    expect(html).toContain('Edit');
  });
});
