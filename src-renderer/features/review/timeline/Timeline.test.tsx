import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Timeline, type TimelineProps } from './Timeline';

const T0 = Date.parse('2026-03-14T14:00:00Z');

function props(overrides: Partial<TimelineProps> = {}): TimelineProps {
  return {
    cameras: [
      { sourceId: 'a1b2c3', cameraKey: 'ch01', label: 'Till', segments: [T0, T0 + 300_000, 0, T0 + 300_000, T0 + 600_000, 1] },
      { sourceId: 'a1b2c3', cameraKey: 'ch02', label: 'Door', segments: [T0, T0 + 600_000, 0] },
    ],
    timeZone: 'Europe/London',
    clockOffsetS: 190,
    playheadMs: T0 + 120_000,
    onSeek: () => undefined,
    selected: { sourceId: 'a1b2c3', cameraKey: 'ch01' },
    onSelectCamera: () => undefined,
    ...overrides,
  };
}

describe('the timeline\u2019s markup', () => {
  it('has the controls tests and the review page rely on, and reads the playhead on both clocks', () => {
    const html = renderToStaticMarkup(<Timeline {...props()} />);
    for (const id of ['timeline-canvas', 'timeline-zoom-in', 'timeline-zoom-out', 'timeline-fit', 'timeline-jump', 'timeline-jump-go', 'timeline-playhead-true', 'timeline-playhead-recorder']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('True time 14 Mar 2026 14:02:00');
    expect(html).toContain('Recorder time 14 Mar 2026 14:05:10 (recorder is 3 min 10 s fast)');
    expect(html).toContain('aria-label="Timeline of 2 cameras (Till, Door). True time 14 Mar 2026 14:02:00.');
    // The jump field starts at the playhead, on the recorder zone's wall clock (GMT in March).
    expect(html).toContain('value="2026-03-14T14:02:00"');
    expect(html).toContain('step="1"');
  });

  it('sizes the canvas to the cameras and says no more than "recording" and "camera" to the user', () => {
    const html = renderToStaticMarkup(<Timeline {...props({ cameras: [], playheadMs: null, selected: null })} />);
    expect(html).toContain('height:78px');
    expect(html.toLowerCase()).not.toContain('segment');
  });
});
