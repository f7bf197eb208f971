import { describe, expect, it } from 'vitest';
import { instantFromLocalInput, jumpNote, localInputValue, playheadTexts } from './timeline-clock';
import { clockErrorWords } from '../../../../src-shared/domain/time';

const at = (iso: string) => Date.parse(iso);

describe('"Jump to" in the recorder\u2019s zone', () => {
  it('reads a datetime-local value as that zone\u2019s wall clock, with or without seconds', () => {
    expect(instantFromLocalInput({ value: '2026-07-01T09:00:05', timeZone: 'Europe/London' })).toEqual({
      instantMs: at('2026-07-01T08:00:05Z'),
      ambiguity: 'none',
      alternativeInstantMs: null,
    });
    expect(instantFromLocalInput({ value: '2026-03-14T14:02', timeZone: 'UTC' })?.instantMs).toBe(at('2026-03-14T14:02:00Z'));
    expect(instantFromLocalInput({ value: '2026-03-14T14:02:31.250', timeZone: 'Asia/Tokyo' })?.instantMs).toBe(at('2026-03-14T05:02:31Z'));
  });

  it('refuses what is not a real date and time', () => {
    for (const value of ['', '2026-02-30T10:00', '2026-03-14', '14:02:31', '2026-03-14T25:00', 'yesterday']) {
      expect(instantFromLocalInput({ value, timeZone: 'UTC' })).toBeNull();
    }
  });

  it('moves a time the clocks skipped past the jump, and says so', () => {
    // Europe/London, 29 Mar 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never happened.
    const target = instantFromLocalInput({ value: '2026-03-29T01:30:00', timeZone: 'Europe/London' })!;
    expect(target.ambiguity).toBe('skipped');
    expect(target.instantMs).toBe(at('2026-03-29T01:30:00Z'));
    expect(jumpNote({ target, timeZone: 'Europe/London' })).toBe(
      'That time did not happen on 29 Mar 2026: the clocks went forward. Showing 02:30:00 instead.',
    );
  });

  it('takes the first of a time that happened twice, and keeps the second to offer', () => {
    // Europe/London, 25 Oct 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happened twice.
    const target = instantFromLocalInput({ value: '2026-10-25T01:30:00', timeZone: 'Europe/London' })!;
    expect(target).toEqual({ instantMs: at('2026-10-25T00:30:00Z'), ambiguity: 'repeated', alternativeInstantMs: at('2026-10-25T01:30:00Z') });
    expect(jumpNote({ target, timeZone: 'Europe/London' })).toContain('happened twice on 25 Oct 2026');
    expect(jumpNote({ target: { instantMs: 0, ambiguity: 'none', alternativeInstantMs: null }, timeZone: 'UTC' })).toBeNull();
  });

  it('fills the field with the playhead on the zone\u2019s wall clock, whole seconds', () => {
    expect(localInputValue({ instantMs: at('2026-07-01T08:00:05.900Z'), timeZone: 'Europe/London' })).toBe('2026-07-01T09:00:05');
    const value = localInputValue({ instantMs: at('2026-10-25T01:30:00Z'), timeZone: 'Europe/London' });
    expect(value).toBe('2026-10-25T01:30:00');
  });
});

describe('the playhead on both clocks', () => {
  it('says how far out the recorder is, largest unit first', () => {
    expect(clockErrorWords({ clockOffsetS: 190 })).toBe('3 min 10 s fast');
    expect(clockErrorWords({ clockOffsetS: -3600 })).toBe('1 h slow');
    expect(clockErrorWords({ clockOffsetS: 90_061 })).toBe('1 day 1 h 1 min 1 s fast');
    expect(clockErrorWords({ clockOffsetS: 0.4 })).toBe('right');
  });

  it('shows true and recorder time with the date', () => {
    expect(playheadTexts({ playheadMs: at('2026-03-14T14:02:00Z'), clockOffsetS: 190, timeZone: 'UTC' })).toEqual({
      trueTime: 'True time 14 Mar 2026 14:02:00',
      recorderTime: 'Recorder time 14 Mar 2026 14:05:10 (recorder is 3 min 10 s fast)',
    });
    expect(playheadTexts({ playheadMs: at('2026-03-14T14:02:00Z'), clockOffsetS: 0, timeZone: 'UTC' }).recorderTime).toBe(
      "Recorder time 14 Mar 2026 14:02:00 (the recorder's clock is right)",
    );
    expect(playheadTexts({ playheadMs: at('2026-03-14T14:02:00Z'), clockOffsetS: null, timeZone: 'UTC' }).recorderTime).toContain('not known');
    expect(playheadTexts({ playheadMs: null, clockOffsetS: 0, timeZone: 'UTC' }).trueTime).toBe('True time: not set');
  });
});
