/**
 * The page the timeline benchmark opens in Chromium: the real <Timeline> with 100,000 generated recordings, wired to
 * state like the review page wires it, plus a requestAnimationFrame loop that records how far apart frames are.
 * Bundled by scripts/bench/timeline.ts; plain createElement rather than JSX so scripts/ stays .ts only.
 */
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { CameraRef, TimelineCamera } from '../../src-shared/domain/review';
import { Timeline } from '../../src-renderer/features/review/timeline/Timeline';
import '../../src-renderer/styles.css';

export interface BenchDraw {
  drawMs: number;
  bars: number;
  visited: number;
}

export interface BenchState {
  recordings: number;
  cameras: number;
  startMs: number;
  endMs: number;
  frames: number[];
  draws: BenchDraw[];
  lastRange: { startMs: number; endMs: number } | null;
  start: () => void;
  stop: () => void;
}

declare global {
  interface Window {
    __timelineBench: BenchState;
  }
}

const RECORDINGS = 100_000;
const CAMERAS = 6;
const START_MS = Date.UTC(2026, 2, 2, 0, 0, 0);
const DAYS = 21;

/** A fixed-seed generator, so every run draws the same footage. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Recordings of about 1.8 minutes each, back to back with the odd gap (a minute now and then, an hour or two rarely),
 * about one in ten for motion, one in a hundred for an alarm and one in two hundred damaged.
 */
function makeCameras(): TimelineCamera[] {
  const next = random(42);
  const perCamera = Math.floor(RECORDINGS / CAMERAS);
  const averageMs = (DAYS * 86_400_000) / perCamera;
  return Array.from({ length: CAMERAS }, (_, camera) => {
    const segments: number[] = [];
    let atMs = START_MS + camera * 37_000;
    for (let i = 0; i < perCamera + (camera < RECORDINGS % CAMERAS ? 1 : 0); i += 1) {
      const lengthMs = Math.round(averageMs * (0.75 + 0.2 * next()));
      const roll = next();
      const kind = roll < 0.005 ? 3 : roll < 0.015 ? 2 : roll < 0.115 ? 1 : 0;
      segments.push(atMs, atMs + lengthMs, kind);
      const gap = next();
      atMs += lengthMs + (gap < 0.002 ? 3_600_000 + next() * 3_600_000 : gap < 0.03 ? 60_000 : Math.round(averageMs * 0.1 * next()));
    }
    return { sourceId: 'bench-source', cameraKey: `ch0${camera + 1}`, label: ['Till', 'Door', 'Yard', 'Stock room', 'Car park', 'Back office'][camera]!, segments };
  });
}

const cameras = makeCameras();
let collecting = false;
const bench: BenchState = {
  recordings: cameras.reduce((sum, camera) => sum + camera.segments.length / 3, 0),
  cameras: cameras.length,
  startMs: START_MS,
  endMs: Math.max(...cameras.map((camera) => camera.segments[camera.segments.length - 2]!)),
  frames: [],
  draws: [],
  lastRange: null,
  start() {
    bench.frames = [];
    bench.draws = [];
    collecting = true;
    let last = 0;
    const loop = (now: number) => {
      if (!collecting) return;
      if (last) bench.frames.push(now - last);
      last = now;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  },
  stop() {
    collecting = false;
  },
};
window.__timelineBench = bench;

function BenchPage() {
  const [playheadMs, setPlayheadMs] = useState(START_MS + 10 * 86_400_000);
  const [selected, setSelected] = useState<CameraRef>({ sourceId: 'bench-source', cameraKey: 'ch01' });
  return createElement(
    'main',
    { style: { padding: '1rem' } },
    createElement(Timeline, {
      cameras,
      timeZone: 'Europe/London',
      clockOffsetS: 190,
      playheadMs,
      onSeek: setPlayheadMs,
      selected,
      onSelectCamera: setSelected,
      clips: [{ sourceId: 'bench-source', cameraKey: 'ch01', startMs: START_MS + 10 * 86_400_000, endMs: START_MS + 10 * 86_400_000 + 90_000, label: 'man in red jacket' }],
      inMs: START_MS + 10 * 86_400_000 - 60_000,
      outMs: START_MS + 10 * 86_400_000 + 30_000,
      bookmarks: [{ atMs: START_MS + 9 * 86_400_000, note: 'Delivery van' }],
      onViewChange: (range) => (bench.lastRange = range),
      onDraw: ({ drawMs, bars, visited }) => {
        if (collecting) bench.draws.push({ drawMs, bars, visited });
      },
    }),
  );
}

createRoot(document.getElementById('root')!).render(createElement(BenchPage));
