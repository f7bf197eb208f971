/** The app's palette (styles.css), spelt out: a canvas cannot read CSS variables without a style recalculation. */
export const TIMELINE_COLOURS = {
  background: '#ffffff',
  ruler: '#f6f7f9',
  line: '#d8dde5',
  grid: '#edf0f4',
  track: '#eef1f5',
  ink: '#1d2430',
  muted: '#5b6575',
  selectedRow: '#e2ebf8',
  regular: '#2f8a57',
  motion: '#e07b00',
  alarm: '#c2185b',
  problem: '#b3261e',
  problemBackground: '#f6d5d2',
  clip: 'rgba(31, 95, 191, 0.22)',
  clipEdge: '#1f5fbf',
  marks: 'rgba(242, 169, 0, 0.25)',
  marksEdge: '#a36f00',
  bookmark: '#6a3fb5',
  playhead: '#1d2430',
} as const;

export const TIMELINE_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
