import { describe, expect, it } from 'vitest';
import { indexRecordings } from './timeline-coverage';
import { EMPTY_INPUTS, sameInputs, type ControllerInputs } from './timeline-scene-inputs';

const index = indexRecordings({ segments: [0, 10, 0] });

function inputs(): ControllerInputs {
  return {
    rows: [{ label: 'Till', index, selected: true }],
    span: { startMs: 0, endMs: 10 },
    timeZone: 'Europe/London',
    playheadMs: 5,
    clips: [{ row: 0, startMs: 1, endMs: 2, label: 'a', title: 'a' }],
    inMs: null,
    outMs: null,
    bookmarks: [{ atMs: 3, note: 'van' }],
  };
}

describe('whether the canvas needs repainting', () => {
  it('not when the page re-renders with rebuilt but equal arrays', () => {
    expect(sameInputs({ a: inputs(), b: inputs() })).toBe(true);
  });

  it('when anything drawn changes', () => {
    const changes: Array<(value: ControllerInputs) => ControllerInputs> = [
      (value) => ({ ...value, playheadMs: 6 }),
      (value) => ({ ...value, inMs: 1 }),
      (value) => ({ ...value, timeZone: 'UTC' }),
      (value) => ({ ...value, rows: [{ ...value.rows[0]!, selected: false }] }),
      (value) => ({ ...value, clips: [{ ...value.clips[0]!, endMs: 3 }] }),
      (value) => ({ ...value, bookmarks: [] }),
      (value) => ({ ...value, span: null }),
    ];
    for (const change of changes) expect(sameInputs({ a: inputs(), b: change(inputs()) })).toBe(false);
    expect(sameInputs({ a: EMPTY_INPUTS, b: inputs() })).toBe(false);
  });
});
