import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { AppError } from '../errors';
import { createMemoryLogger } from '../logger';
import { createRowSettling } from './rows-settled-by-jobs';

type Row = { id: string; state: string; job_id: string };
const ended = { id: 'j1', state: 'failed' } as JobSnapshot;

function setup(get: (jobId: string) => JobSnapshot) {
  const settled: [string, JobSnapshot | null][] = [];
  const settling = createRowSettling<Row>({
    jobs: { get: ({ jobId }) => get(jobId), waitFor: () => Promise.resolve(ended) },
    settle: (row, job) => settled.push([row.id, job]),
    logger: createMemoryLogger(),
    what: 'test',
  });
  return { settling, settled };
}

describe('createRowSettling', () => {
  it('settles only rows still claiming running, with their job, or null when the job is gone', () => {
    const { settling, settled } = setup((jobId) => {
      if (jobId === 'gone') throw new AppError('not_found', 'no such job');
      return ended;
    });
    settling.reconcile([
      { id: 'a', state: 'running', job_id: 'j1' },
      { id: 'b', state: 'succeeded', job_id: 'j1' },
      { id: 'c', state: 'running', job_id: 'gone' },
    ]);
    expect(settled).toEqual([
      ['a', ended],
      ['c', null],
    ]);
  });

  it('does not hide other failures to read a job', () => {
    const { settling } = setup(() => {
      throw new Error('database is locked');
    });
    expect(() => settling.reconcile([{ id: 'a', state: 'running', job_id: 'j1' }])).toThrow('database is locked');
  });

  it('settles the row as it is when the job ends', async () => {
    const { settling, settled } = setup(() => ended);
    let row: Row = { id: 'a', state: 'running', job_id: 'j1' };
    settling.whenJobEnds({ jobId: 'j1', id: 'a', row: () => row });
    row = { ...row, id: 'a-later' };
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toEqual([['a-later', ended]]);
  });
});
