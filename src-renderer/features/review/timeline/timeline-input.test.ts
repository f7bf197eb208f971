import { describe, expect, it } from 'vitest';
import { keyAction, wheelAction } from './timeline-input';
import { bookmarkAt, hitTest, layoutFor } from './timeline-layout';

const wheel = { deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, shiftKey: false, pagePx: 800 };

describe('wheel and keys', () => {
  it('zooms out when the wheel turns towards you and in when it turns away', () => {
    const out = wheelAction({ ...wheel, deltaY: 100 });
    const zoomIn = wheelAction({ ...wheel, deltaY: -100 });
    expect(out?.kind === 'zoom' && out.factor > 1).toBe(true);
    expect(zoomIn?.kind === 'zoom' && zoomIn.factor < 1).toBe(true);
    expect(wheelAction({ ...wheel })).toBeNull();
  });

  it('zooms more per pixel for a trackpad pinch (ctrl+wheel) and caps one event at about 2.7×', () => {
    const pinch = wheelAction({ ...wheel, deltaY: 10, ctrlKey: true });
    const notch = wheelAction({ ...wheel, deltaY: 10 });
    expect(pinch?.kind === 'zoom' && notch?.kind === 'zoom' && pinch.factor > notch.factor).toBe(true);
    expect(wheelAction({ ...wheel, deltaY: 5, deltaMode: 2 })).toEqual({ kind: 'zoom', factor: Math.E });
  });

  it('pans on a sideways swipe or shift+wheel', () => {
    expect(wheelAction({ ...wheel, deltaX: 30, deltaY: 2 })).toEqual({ kind: 'pan', dx: -30 });
    expect(wheelAction({ ...wheel, deltaY: 3, deltaMode: 1, shiftKey: true })).toEqual({ kind: 'pan', dx: -48 });
  });

  it('pans with the arrow keys and zooms with plus and minus', () => {
    expect(keyAction({ key: 'ArrowLeft', shiftKey: false, widthPx: 1000 })).toEqual({ kind: 'pan', dx: 100 });
    expect(keyAction({ key: 'ArrowRight', shiftKey: true, widthPx: 1000 })).toEqual({ kind: 'pan', dx: -500 });
    expect(keyAction({ key: '+', shiftKey: true, widthPx: 1000 })).toEqual({ kind: 'zoom', factor: 1 / 1.5 });
    expect(keyAction({ key: '=', shiftKey: false, widthPx: 1000 })?.kind).toBe('zoom');
    expect(keyAction({ key: '-', shiftKey: false, widthPx: 1000 })).toEqual({ kind: 'zoom', factor: 1.5 });
    expect(keyAction({ key: 'j', shiftKey: false, widthPx: 1000 })).toBeNull();
  });
});

describe('what the pointer is over', () => {
  const layout = layoutFor({ widthPx: 1000, rows: 3 });

  it('tells the ruler, a camera row and a camera name apart', () => {
    expect(layout.labelWidthPx).toBe(132);
    expect(hitTest({ layout, x: 500, y: 10 })).toEqual({ area: 'ruler', timeX: 368 });
    expect(hitTest({ layout, x: 500, y: 40 + 32 + 5 })).toEqual({ area: 'row', row: 1, timeX: 368 });
    expect(hitTest({ layout, x: 20, y: 40 + 64 + 5 })).toEqual({ area: 'label', row: 2 });
    expect(hitTest({ layout, x: 20, y: 10 })).toEqual({ area: 'none' });
    expect(hitTest({ layout, x: -1, y: 50 })).toEqual({ area: 'none' });
  });

  it('gives the camera names less room on a narrow timeline', () => {
    expect(layoutFor({ widthPx: 300, rows: 1 }).labelWidthPx).toBe(90);
  });

  it('finds the nearest bookmark flag within a few pixels', () => {
    const view = { startMs: 0, msPerPx: 1000, widthPx: 800 };
    const bookmarks = [{ atMs: 100_000, note: 'a' }, { atMs: 104_000, note: 'b' }];
    expect(bookmarkAt({ bookmarks, view, timeX: 103 })?.note).toBe('b');
    expect(bookmarkAt({ bookmarks, view, timeX: 150 })).toBeNull();
  });
});
