/**
 * The burnt-in caption checked against the real ffmpeg: the clock drawn for a frame must be exactly the true time of
 * that frame in the recorder's zone, to the second, including across a change to or from summer time. Each check
 * compares the frame with one where the expected text is written out literally.
 */
import { describe, expect, it } from 'vitest';
import { buildCaptionFilters, captionLayout, captionTimeText, offsetStretches, type CaptionFilterOptions } from '../../../src-shared/ffmpeg-args/export-caption';
import { escapeDrawtextLiteral, filterOptionValue } from '../../../src-shared/ffmpeg-args/filter-escape';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { resolveBundledFont } from '../media/font';
import { runTool } from '../media/runner';

const ffmpeg = resolveMediaTools().ffmpeg;
const logger = createMemoryLogger();

/** One frame of a grey picture through `filters`, `atS` seconds in (the frame keeps its own timestamp), hashed. */
async function frameHash(options: { filters: string; atS: number }): Promise<string> {
  const { stdout } = await runTool({
    tool: ffmpeg,
    args: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=c=gray:size=320x240:rate=10:duration=${options.atS + 1}`,
      '-vf', `${options.filters},trim=start=${options.atS}`, '-frames:v', '1', '-f', 'md5', '-'],
    logger,
    captureStdout: true,
  });
  return stdout.trim();
}

const base: Omit<CaptionFilterOptions, 'timeZone' | 'trueMsAtFilterZero'> = {
  caseReference: "Case 24/0001 'Smith' [A]: 100%",
  cameraLabel: 'Till, front',
  spanS: 3,
  fontFile: resolveBundledFont(),
  frameWidth: 320,
  frameHeight: 240,
};

/** The caption filters with the ticking clock line replaced by the literal text expected on the frame. */
function literalCaption(options: CaptionFilterOptions, expectedLine: string): string {
  const single = { ...options, timeZone: 'UTC' };
  const clockLine = filterOptionValue(captionTimeText({ trueMsAtFilterZero: single.trueMsAtFilterZero, offsetMinutes: 0 }));
  const filters = buildCaptionFilters(single);
  expect(filters).toContain(clockLine);
  return filters.replace(clockLine, filterOptionValue(escapeDrawtextLiteral(expectedLine)));
}

describe('caption clock with the real ffmpeg', () => {
  it('is laid out on two lines at 320×240 with a long case reference, so the checks below compare like with like', () => {
    expect(captionLayout({ frameWidth: 320, frameHeight: 240, headerChars: 40 }).lines).toBe(2);
  });

  it("prints the recorder zone's wall time of the frame, 61.2 s after a start at 23:59:30", async () => {
    const options = { ...base, timeZone: 'Europe/London', trueMsAtFilterZero: Date.UTC(2026, 2, 14, 23, 59, 30), spanS: 70 };
    const drawn = await frameHash({ filters: buildCaptionFilters(options), atS: 61.2 });
    const expected = await frameHash({ filters: literalCaption(options, 'true time 15 Mar 2026 00:00:31 UTC+00:00'), atS: 61.2 });
    expect(drawn).toBe(expected);
  });

  it('switches offset exactly when the clocks go forward (Europe/London, 29 March 2026, 01:00 UTC)', async () => {
    const options = { ...base, timeZone: 'Europe/London', trueMsAtFilterZero: Date.UTC(2026, 2, 29, 0, 59, 58, 500) };
    expect(offsetStretches(options)).toEqual([
      { fromS: null, toS: 1.5, offsetMinutes: 0 },
      { fromS: 1.5, toS: null, offsetMinutes: 60 },
    ]);
    const filters = buildCaptionFilters(options);
    expect(await frameHash({ filters, atS: 1.4 })).toBe(await frameHash({ filters: literalCaption(options, 'true time 29 Mar 2026 00:59:59 UTC+00:00'), atS: 1.4 }));
    expect(await frameHash({ filters, atS: 1.5 })).toBe(await frameHash({ filters: literalCaption(options, 'true time 29 Mar 2026 02:00:00 UTC+01:00'), atS: 1.5 }));
  });

  it('counts from a start part-way through a second, west of UTC (New York, summer time)', async () => {
    const options = { ...base, timeZone: 'America/New_York', trueMsAtFilterZero: Date.UTC(2026, 6, 1, 13, 0, 4, 500) };
    const filters = buildCaptionFilters(options);
    expect(await frameHash({ filters, atS: 0.4 })).toBe(await frameHash({ filters: literalCaption(options, 'true time 01 Jul 2026 09:00:04 UTC-04:00'), atS: 0.4 }));
    expect(await frameHash({ filters, atS: 0.5 })).toBe(await frameHash({ filters: literalCaption(options, 'true time 01 Jul 2026 09:00:05 UTC-04:00'), atS: 0.5 }));
  });
});
