import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  STEP_IDS,
  countDoneSteps,
  type CaseDetail,
  type CaseSummary,
  type IncidentType,
  type StepId,
  type StepState,
} from '../../../src-shared/domain/cases';
import type { CustodyLog } from '../custody/custody-log';
import { AppError } from '../errors';

interface CaseRow {
  id: string;
  reference: string | null;
  title: string;
  incident_type: IncidentType;
  created_at: string;
  updated_at: string;
  steps_done: number;
}

interface StepRow {
  step: StepId;
  state: StepState;
  updated_at: string | null;
}

export interface CasesService {
  list(): CaseSummary[];
  get(options: { caseId: string }): CaseDetail;
  create(options: { reference?: string; title: string; incidentType: IncidentType; actor: string }): CaseDetail;
  update(options: { caseId: string; reference?: string; title?: string; incidentType?: IncidentType; actor: string }): CaseDetail;
  setStepState(options: { caseId: string; step: StepId; state: StepState; actor: string }): CaseDetail;
}

function rowToSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    incidentType: row.incident_type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stepsDone: row.steps_done,
  };
}

const SELECT_CASES = `
  SELECT c.*, (SELECT count(*) FROM case_steps s WHERE s.case_id = c.id AND s.state = 'done') AS steps_done
  FROM cases c`;

export function createCasesService(options: { db: Database.Database; custody: CustodyLog; now?: () => Date }): CasesService {
  const { db, custody } = options;
  const now = options.now ?? (() => new Date());
  const listStmt = db.prepare<[], CaseRow>(`${SELECT_CASES} ORDER BY c.updated_at DESC, c.created_at DESC`);
  const getStmt = db.prepare<[string], CaseRow>(`${SELECT_CASES} WHERE c.id = ?`);
  const stepsStmt = db.prepare<[string], StepRow>('SELECT step, state, updated_at FROM case_steps WHERE case_id = ? ORDER BY position');
  const insertCaseStmt = db.prepare(
    'INSERT INTO cases (id, reference, title, incident_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertStepStmt = db.prepare("INSERT INTO case_steps (case_id, step, position, state) VALUES (?, ?, ?, 'not_started')");
  const touchStmt = db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?');
  const setStepStmt = db.prepare('UPDATE case_steps SET state = ?, updated_at = ? WHERE case_id = ? AND step = ?');

  function get({ caseId }: { caseId: string }): CaseDetail {
    const row = getStmt.get(caseId);
    if (!row) throw new AppError('not_found', 'That case could not be found. It may have been made on another computer.');
    const steps = stepsStmt.all(caseId).map((step) => ({ id: step.step, state: step.state, updatedAt: step.updated_at }));
    return { ...rowToSummary(row), stepsDone: countDoneSteps(steps), steps };
  }

  const createTx = db.transaction((input: { reference?: string; title: string; incidentType: IncidentType; actor: string }) => {
    const id = randomUUID();
    const at = now().toISOString();
    const reference = input.reference ? input.reference : null;
    insertCaseStmt.run(id, reference, input.title, input.incidentType, at, at);
    STEP_IDS.forEach((step, position) => insertStepStmt.run(id, step, position));
    custody.append({ caseId: id, actor: input.actor, action: 'case.created', details: { reference, title: input.title, incidentType: input.incidentType } });
    return id;
  });

  const updateTx = db.transaction(
    (input: { caseId: string; reference?: string; title?: string; incidentType?: IncidentType; actor: string }) => {
      const before = get({ caseId: input.caseId });
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const reference = input.reference === undefined ? before.reference : input.reference || null;
      if (reference !== before.reference) changes.reference = { from: before.reference, to: reference };
      if (input.title !== undefined && input.title !== before.title) changes.title = { from: before.title, to: input.title };
      if (input.incidentType !== undefined && input.incidentType !== before.incidentType) {
        changes.incidentType = { from: before.incidentType, to: input.incidentType };
      }
      if (Object.keys(changes).length === 0) return;
      db.prepare('UPDATE cases SET reference = ?, title = ?, incident_type = ?, updated_at = ? WHERE id = ?').run(
        reference,
        input.title ?? before.title,
        input.incidentType ?? before.incidentType,
        now().toISOString(),
        input.caseId,
      );
      custody.append({ caseId: input.caseId, actor: input.actor, action: 'case.updated', details: { changes } });
    },
  );

  const setStepTx = db.transaction((input: { caseId: string; step: StepId; state: StepState; actor: string }) => {
    const before = get({ caseId: input.caseId }).steps.find((step) => step.id === input.step);
    if (!before || before.state === input.state) return;
    const at = now().toISOString();
    setStepStmt.run(input.state, at, input.caseId, input.step);
    touchStmt.run(at, input.caseId);
    custody.append({
      caseId: input.caseId,
      actor: input.actor,
      action: 'case.stepStateChanged',
      details: { step: input.step, from: before.state, to: input.state },
    });
  });

  return {
    list: () => listStmt.all().map(rowToSummary),
    get,
    create: (input) => get({ caseId: createTx.immediate(input) }),
    update: (input) => {
      updateTx.immediate(input);
      return get({ caseId: input.caseId });
    },
    setStepState: (input) => {
      setStepTx.immediate(input);
      return get({ caseId: input.caseId });
    },
  };
}
