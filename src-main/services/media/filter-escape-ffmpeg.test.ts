/**
 * The escaping helpers checked against the real ffmpeg: a value must come out of ffmpeg's parsers exactly as it went
 * in, and drawtext must print exactly the text meant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { demoClockText } from '../../../src-shared/ffmpeg-args/demo-footage';
import { escapeDrawtextLiteral, filterOptionValue } from '../../../src-shared/ffmpeg-args/filter-escape';
import { resolveMediaTools } from './binaries';
import { resolveBundledFont } from './font';
import { createMemoryLogger } from '../logger';
import { runTool } from './runner';

const tempDir = useTempDirs('handover-escape-');
const ffmpeg = resolveMediaTools().ffmpeg;
const logger = createMemoryLogger();

const TRICKY_VALUES = [
  'C:\\Program Files\\Handover\\resources\\fonts\\x.ttf',
  "it's: a [test], or; not\\ 100% {sure} = %{pts}",
  '  spaces at both ends  ',
  "'quoted'",
  'Café ☕ Aisle 3',
];

/** One small frame from lavfi through `filters`, hashed; identical hashes mean identical pictures. */
async function frameHash(options: { filters: string; durationS?: number }): Promise<string> {
  const { stdout } = await runTool({
    tool: ffmpeg,
    args: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=c=navy:size=320x64:rate=5:duration=${options.durationS ?? 1}`,
      '-vf', options.filters, '-frames:v', '1', '-f', 'md5', '-'],
    logger,
    captureStdout: true,
  });
  return stdout.trim();
}

describe('filter escaping with the real ffmpeg', () => {
  it.each(TRICKY_VALUES)('a filter option value reaches the filter unchanged: %s', async (value) => {
    const { stderrTail } = await runTool({
      tool: ffmpeg,
      args: ['-hide_banner', '-nostdin', '-loglevel', 'info', '-f', 'lavfi', '-i', 'color=size=16x16:rate=1:duration=1',
        '-vf', `metadata=mode=add:key=probe:value=${filterOptionValue(value)},metadata=mode=print`, '-f', 'null', '-'],
      logger,
    });
    expect(stderrTail).toContain(`probe=${value}\n`);
  });

  it.each(TRICKY_VALUES)('drawtext prints literal text exactly as written: %s', async (text) => {
    const fontFile = filterOptionValue(resolveBundledFont());
    const textFile = path.join(tempDir(), 'text.txt');
    fs.writeFileSync(textFile, text);
    const expected = await frameHash({ filters: `drawtext=fontfile=${fontFile}:expansion=none:textfile=${filterOptionValue(textFile)}:fontcolor=white` });
    const actual = await frameHash({ filters: `drawtext=fontfile=${fontFile}:text=${filterOptionValue(escapeDrawtextLiteral(text))}:fontcolor=white` });
    expect(actual).toBe(expected);
  });

  it('loads a font from a folder whose name needs every kind of escaping', async () => {
    const folder = path.join(tempDir(), "it's [a] font; dir, C: x\\y");
    fs.mkdirSync(folder);
    const copied = path.join(folder, 'font.ttf');
    fs.copyFileSync(resolveBundledFont(), copied);
    const withOriginal = await frameHash({ filters: `drawtext=fontfile=${filterOptionValue(resolveBundledFont())}:text=Till:fontcolor=white` });
    const withCopy = await frameHash({ filters: `drawtext=fontfile=${filterOptionValue(copied)}:text=Till:fontcolor=white` });
    expect(withCopy).toBe(withOriginal);
  });

  it("the burnt-in clock prints the recorder's wall clock for the frame, to the second", async () => {
    const fontFile = filterOptionValue(resolveBundledFont());
    const start = { year: 2026, month: 3, day: 14, hour: 23, minute: 59, second: 30 };
    const drawClock = `drawtext=fontfile=${fontFile}:text=${filterOptionValue(demoClockText(start))}:fontcolor=white`;
    // trim after drawtext keeps the frame's own timestamp, so this is the frame 61.2 s into the recording.
    const late = await frameHash({ filters: `${drawClock},trim=start=61.2`, durationS: 62 });
    const lateExpected = await frameHash({ filters: `drawtext=fontfile=${fontFile}:text=${filterOptionValue(escapeDrawtextLiteral('2026-03-15 00:00:31'))}:fontcolor=white` });
    expect(late).toBe(lateExpected);
    const first = await frameHash({ filters: drawClock });
    const firstExpected = await frameHash({ filters: `drawtext=fontfile=${fontFile}:text=${filterOptionValue(escapeDrawtextLiteral('2026-03-14 23:59:30'))}:fontcolor=white` });
    expect(first).toBe(firstExpected);
  });
});
