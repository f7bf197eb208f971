import { describe, expect, it } from 'vitest';
import { minorStepFor, pickTickStep, rulerTicks, tickInstants, TICK_STEPS_MS } from './timeline-ticks';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './timeline-view';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

describe('tick step', () => {
  it('is the finest step that leaves labels at least 80 px apart', () => {
    expect(pickTickStep({ msPerPx: 10 })).toBe(SECOND_MS);
    expect(pickTickStep({ msPerPx: 20 })).toBe(5 * SECOND_MS);
    expect(pickTickStep({ msPerPx: 1000 })).toBe(MINUTE_MS * 5);
    expect(pickTickStep({ msPerPx: HOUR_MS / 80 })).toBe(HOUR_MS);
    expect(pickTickStep({ msPerPx: (7 * DAY_MS) / 1400 })).toBe(12 * HOUR_MS);
    expect(pickTickStep({ msPerPx: (7 * DAY_MS) / 700 })).toBe(DAY_MS);
    // A week across 300 px: days would be 43 px apart; across 150 px, two days would be 43 px apart.
    expect(pickTickStep({ msPerPx: (7 * DAY_MS) / 300 })).toBe(2 * DAY_MS);
    expect(pickTickStep({ msPerPx: (7 * DAY_MS) / 150 })).toBe(7 * DAY_MS);
    for (const msPerPx of [10, 333, 12_345, 999_999]) expect(pickTickStep({ msPerPx }) / msPerPx).toBeGreaterThanOrEqual(80);
  });

  it('adds unlabelled ticks that divide the labelled step and are not crowded', () => {
    expect(minorStepFor({ stepMs: HOUR_MS, msPerPx: HOUR_MS / 100 })).toBe(10 * MINUTE_MS);
    expect(minorStepFor({ stepMs: SECOND_MS, msPerPx: 10 })).toBeNull();
    for (const stepMs of TICK_STEPS_MS) {
      const minor = minorStepFor({ stepMs, msPerPx: stepMs / 100 });
      if (minor !== null) expect(stepMs % minor).toBe(0);
    }
  });
});

describe('ticks on the wall clock of the zone', () => {
  it('falls on whole hours of a half-hour zone, not of UTC', () => {
    const ticks = tickInstants({ fromMs: at('2026-03-14T00:00:00Z'), toMs: at('2026-03-14T03:00:00Z'), stepMs: HOUR_MS, timeZone: 'Asia/Kolkata' });
    expect(ticks.map(iso)).toEqual(['2026-03-14T00:30:00Z', '2026-03-14T01:30:00Z', '2026-03-14T02:30:00Z']);
  });

  it('keeps hourly ticks an hour apart when the clocks go forward, with no tick for the skipped hour', () => {
    // Europe/London, 29 Mar 2026: 01:00 GMT becomes 02:00 BST.
    const ticks = rulerTicks({
      view: { startMs: at('2026-03-28T23:30:00Z'), msPerPx: HOUR_MS / 100, widthPx: 300 },
      timeZone: 'Europe/London',
      stepMs: HOUR_MS,
      marginPx: 0,
    });
    expect(ticks.map((tick) => [iso(tick.atMs), tick.label])).toEqual([
      ['2026-03-29T00:00:00Z', 'Sun 29 Mar'],
      ['2026-03-29T01:00:00Z', '02:00'],
      ['2026-03-29T02:00:00Z', '03:00'],
    ]);
    expect(ticks[0]!.dayStart).toBe(true);
  });

  it('ticks both 01:00s when the clocks go back', () => {
    // Europe/London, 25 Oct 2026: 02:00 BST becomes 01:00 GMT.
    const ticks = rulerTicks({
      view: { startMs: at('2026-10-24T22:30:00Z'), msPerPx: HOUR_MS / 100, widthPx: 400 },
      timeZone: 'Europe/London',
      stepMs: HOUR_MS,
      marginPx: 0,
    });
    expect(ticks.map((tick) => [iso(tick.atMs), tick.label])).toEqual([
      ['2026-10-24T23:00:00Z', 'Sun 25 Oct'],
      ['2026-10-25T00:00:00Z', '01:00'],
      ['2026-10-25T01:00:00Z', '01:00'],
      ['2026-10-25T02:00:00Z', '02:00'],
    ]);
  });

  it('puts 3-hour ticks on 00:00 and 03:00 of the wall clock across the change', () => {
    const ticks = tickInstants({ fromMs: at('2026-10-24T22:00:00Z'), toMs: at('2026-10-25T07:00:00Z'), stepMs: 3 * HOUR_MS, timeZone: 'Europe/London' });
    // 00:00 BST, 03:00 GMT, 06:00 GMT: four hours apart once, as a clock on the wall saw it.
    expect(ticks.map(iso)).toEqual(['2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T06:00:00Z']);
  });

  it('puts day ticks on local midnight, 23 and 25 hours apart on change days', () => {
    const ticks = rulerTicks({
      view: { startMs: at('2026-03-27T12:00:00Z'), msPerPx: DAY_MS / 100, widthPx: 300 },
      timeZone: 'Europe/London',
      stepMs: DAY_MS,
      marginPx: 0,
    });
    expect(ticks.map((tick) => [iso(tick.atMs), tick.label])).toEqual([
      ['2026-03-28T00:00:00Z', 'Sat 28 Mar'],
      ['2026-03-29T00:00:00Z', 'Sun 29 Mar'],
      ['2026-03-29T23:00:00Z', 'Mon 30 Mar'],
    ]);
  });

  it('starts the day at 01:00 where midnight itself was skipped', () => {
    // America/Havana, 8 Mar 2026: 00:00 CST becomes 01:00 CDT.
    const ticks = rulerTicks({
      view: { startMs: at('2026-03-08T02:00:00Z'), msPerPx: HOUR_MS / 100, widthPx: 500 },
      timeZone: 'America/Havana',
      stepMs: HOUR_MS,
      marginPx: 0,
    });
    expect(ticks.map((tick) => [iso(tick.atMs), tick.label, tick.dayStart])).toEqual([
      ['2026-03-08T02:00:00Z', '21:00', false],
      ['2026-03-08T03:00:00Z', '22:00', false],
      ['2026-03-08T04:00:00Z', '23:00', false],
      ['2026-03-08T05:00:00Z', 'Sun 8 Mar', true],
      ['2026-03-08T06:00:00Z', '02:00', false],
      ['2026-03-08T07:00:00Z', '03:00', false],
    ]);
  });

  it('shows seconds below a minute and starts multi-day ticks on Mondays', () => {
    const seconds = rulerTicks({ view: { startMs: at('2026-03-14T14:02:00Z'), msPerPx: 100, widthPx: 200 }, timeZone: 'UTC', stepMs: 10 * SECOND_MS, marginPx: 0 });
    expect(seconds.map((tick) => tick.label)).toEqual(['14:02:00', '14:02:10', '14:02:20']);
    const weeks = rulerTicks({ view: { startMs: at('2026-03-01T00:00:00Z'), msPerPx: (7 * DAY_MS) / 100, widthPx: 300 }, timeZone: 'UTC', stepMs: 7 * DAY_MS, marginPx: 0 });
    expect(weeks.map((tick) => tick.label)).toEqual(['Mon 2 Mar', 'Mon 9 Mar', 'Mon 16 Mar']);
  });
});
