import { describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../../src-shared/domain/cases';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { createCustodyLog } from '../custody/custody-log';
import { openDatabase } from '../db/connection';
import { AppError } from '../errors';
import { createCasesService } from './cases-service';

const tempDir = useTempDirs();

function setup() {
  const db = openDatabase({ dataDir: tempDir() });
  const custody = createCustodyLog({ db });
  return { db, custody, cases: createCasesService({ db, custody }) };
}

describe('cases service', () => {
  it('creates a case with all eight steps not started, and logs it', () => {
    const { db, custody, cases } = setup();
    const created = cases.create({ title: 'Theft at till 2', incidentType: 'theft', reference: '44/12345/26', actor: 'user' });
    expect(created.steps.map((step) => step.id)).toEqual([...STEP_IDS]);
    expect(created.steps.every((step) => step.state === 'not_started')).toBe(true);
    expect(created.stepsDone).toBe(0);
    expect(cases.list()).toHaveLength(1);
    expect(custody.list({ caseId: created.id }).map((entry) => entry.action)).toEqual(['case.created']);
    db.close();
  });

  it('stores an empty reference as none', () => {
    const { db, cases } = setup();
    expect(cases.create({ title: 'Broken window', incidentType: 'criminal_damage', reference: '', actor: 'user' }).reference).toBeNull();
    db.close();
  });

  it('tracks step states, counts done steps and logs only real changes', () => {
    const { db, custody, cases } = setup();
    const { id } = cases.create({ title: 'x', incidentType: 'other', actor: 'user' });
    cases.setStepState({ caseId: id, step: 'review', state: 'done', actor: 'user' });
    cases.setStepState({ caseId: id, step: 'review', state: 'done', actor: 'user' });
    const after = cases.setStepState({ caseId: id, step: 'export', state: 'in_progress', actor: 'user' });
    expect(after.stepsDone).toBe(1);
    expect(after.steps.find((step) => step.id === 'export')?.state).toBe('in_progress');
    expect(cases.list()[0]?.stepsDone).toBe(1);
    expect(custody.list({ caseId: id }).map((entry) => entry.details)).toEqual([
      { incidentType: 'other', reference: null, title: 'x' },
      { from: 'not_started', step: 'review', to: 'done' },
      { from: 'not_started', step: 'export', to: 'in_progress' },
    ]);
    db.close();
  });

  it('records what an update changed', () => {
    const { db, custody, cases } = setup();
    const { id } = cases.create({ title: 'x', incidentType: 'other', actor: 'user' });
    const updated = cases.update({ caseId: id, reference: 'CAD 99', actor: 'user' });
    expect(updated.reference).toBe('CAD 99');
    expect(custody.list({ caseId: id }).at(-1)?.details).toEqual({ changes: { reference: { from: null, to: 'CAD 99' } } });
    db.close();
  });

  it('says plainly when a case does not exist', () => {
    const { db, cases } = setup();
    expect(() => cases.get({ caseId: '00000000-0000-4000-8000-000000000000' })).toThrow(AppError);
    expect(() => cases.setStepState({ caseId: '00000000-0000-4000-8000-000000000000', step: 'usb', state: 'done', actor: 'u' })).toThrow(
      /could not be found/,
    );
    db.close();
  });
});
