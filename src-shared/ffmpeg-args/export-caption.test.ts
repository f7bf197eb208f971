import { describe, expect, it } from 'vitest';
import { buildCaptionFilters, captionLayout, captionTimeText, formatUtcOffset, offsetStretches } from './export-caption';

const base = {
  caseReference: 'CASE/24/0001',
  cameraLabel: 'Till',
  timeZone: 'Europe/London',
  trueMsAtFilterZero: Date.UTC(2026, 6, 1, 13, 0, 0),
  spanS: 90,
  fontFile: '/app/resources/fonts/DejaVuSansMono.ttf',
  frameWidth: 1920,
  frameHeight: 1080,
};

describe('caption clock', () => {
  it("folds the zone's offset into the epoch, so gmtime prints the recorder's wall clock on any computer", () => {
    // 13:00:00Z is 14:00:00 BST: the epoch is an hour (3600 s) later, plus a tenth of a millisecond against float rounding.
    expect(captionTimeText({ trueMsAtFilterZero: base.trueMsAtFilterZero, offsetMinutes: 60 })).toBe(
      `true time %{pts:gmtime:${(base.trueMsAtFilterZero / 1000 + 3600 + 0.0001).toFixed(6)}:%d %b %Y %H\\:%M\\:%S} UTC+01:00`,
    );
  });

  it('formats offsets the way ISO 8601 does', () => {
    expect(formatUtcOffset(0)).toBe('UTC+00:00');
    expect(formatUtcOffset(-300)).toBe('UTC-05:00');
    expect(formatUtcOffset(345)).toBe('UTC+05:45');
  });

  it('finds where the offset changes inside the clip, to the second, and nothing when it does not', () => {
    expect(offsetStretches(base)).toEqual([{ fromS: null, toS: null, offsetMinutes: 60 }]);
    // Clocks go back at 01:00 UTC on 25 October 2026: BST to GMT, 40 s into a clip that starts at 00:59:20 UTC.
    expect(offsetStretches({ timeZone: 'Europe/London', trueMsAtFilterZero: Date.UTC(2026, 9, 25, 0, 59, 20), spanS: 120 })).toEqual([
      { fromS: null, toS: 40, offsetMinutes: 60 },
      { fromS: 40, toS: null, offsetMinutes: 0 },
    ]);
    // A span of a year crosses both changes.
    expect(offsetStretches({ timeZone: 'Europe/London', trueMsAtFilterZero: Date.UTC(2026, 0, 1), spanS: 365 * 86_400 })).toHaveLength(3);
  });
});

describe('captionLayout', () => {
  it('puts everything on one line when it fits, two when it does not, and never makes the text too small to read', () => {
    expect(captionLayout({ frameWidth: 1920, frameHeight: 1080, headerChars: 20 })).toMatchObject({ lines: 1, fontSize: 45 });
    const narrow = captionLayout({ frameWidth: 352, frameHeight: 288, headerChars: 30 });
    expect(narrow.lines).toBe(2);
    expect(narrow.fontSize).toBeGreaterThanOrEqual(8);
    expect(narrow.bandHeight % 2).toBe(0);
  });
});

describe('buildCaptionFilters', () => {
  it('adds a black band under the picture and draws the text in it, with every user value escaped', () => {
    const filters = buildCaptionFilters({ ...base, caseReference: "Smith's case: 1, [2]; 100%", cameraLabel: 'Till\nfront' });
    expect(filters.startsWith('pad=w=iw:h=ih+')).toBe(true);
    expect(filters).toContain(':x=0:y=0:color=black,drawtext=fontfile=/app/resources/fonts/DejaVuSansMono.ttf:');
    // ' : , [ ] ; are escaped for the option list and the graph; % for drawtext; the line break became a space.
    expect(filters).toContain("text=Smith\\\\\\'s case\\\\: 1\\, \\[2\\]\\; 100\\\\\\\\% · Till front:");
    expect(filters).toContain('Till front');
    expect(filters).not.toContain('\n');
    expect(filters).not.toContain('enable=');
  });

  it('draws one clock per offset, each switched on for its stretch, when the clip spans a change', () => {
    const filters = buildCaptionFilters({ ...base, trueMsAtFilterZero: Date.UTC(2026, 9, 25, 0, 59, 20), spanS: 120 });
    expect(filters).toContain('UTC+01\\\\:00:x=');
    expect(filters).toContain('enable=lt(t\\,40.000000)');
    expect(filters).toContain('enable=gte(t\\,40.000000)');
  });

  it('refuses a caption it cannot place', () => {
    expect(() => buildCaptionFilters({ ...base, frameWidth: 0 })).toThrow(RangeError);
    expect(() => buildCaptionFilters({ ...base, fontFile: '' })).toThrow(RangeError);
  });
});
