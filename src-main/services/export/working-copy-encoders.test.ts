import { describe, expect, it } from 'vitest';
import { HARDWARE_H264_ENCODERS, SOFTWARE_H264_ENCODER } from '../../../src-shared/ffmpeg-args/export-encoders';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools, type MediaTools } from '../media/binaries';
import type { RunToolOptions, RunToolResult } from '../media/runner';
import { detectH264Encoder, pickH264Encoder } from './working-copy-encoders';

const fakeTools: MediaTools = {
  ffmpeg: { tool: 'ffmpeg', path: '/fake/ffmpeg', source: 'path' },
  ffprobe: { tool: 'ffprobe', path: '/fake/ffprobe', source: 'path' },
};

const ENCODERS_OUTPUT = `Encoders:
 V..... = Video
 A..... = Audio
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 V..... h264_qsv             H.264 (Intel Quick Sync Video acceleration) (codec h264)
 V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)
 A..... aac                  AAC (Advanced Audio Coding)
`;

/** A runner that lists `listed` and lets the test encode of `working` (only) succeed; records what it was asked. */
function fakeRunner(options: { listed: string; working: readonly string[]; listFails?: boolean }) {
  const calls: RunToolOptions[] = [];
  const run = (call: RunToolOptions): Promise<RunToolResult> => {
    calls.push(call);
    const result = { commandLine: 'x', stdout: '', stderrTail: '', durationMs: 1 };
    if (call.args.includes('-encoders')) return options.listFails ? Promise.reject(new Error('no ffmpeg')) : Promise.resolve({ ...result, stdout: options.listed });
    const encoder = call.args[call.args.indexOf('-c:v') + 1] ?? '';
    return options.working.includes(encoder) ? Promise.resolve(result) : Promise.reject(new Error(`${encoder} failed`));
  };
  return { run, calls };
}

describe('pickH264Encoder', () => {
  it('tries the listed hardware encoders in order and takes the first whose one-frame encode works', async () => {
    const { run, calls } = fakeRunner({ listed: ENCODERS_OUTPUT, working: ['h264_qsv'] });
    expect(await pickH264Encoder({ tools: fakeTools, logger: createMemoryLogger(), run })).toBe('h264_qsv');
    const tried = calls.filter((call) => !call.args.includes('-encoders')).map((call) => call.args[call.args.indexOf('-c:v') + 1]);
    // h264_amf and h264_videotoolbox are not listed, so they are not tried; vaapi is not a candidate.
    expect(tried).toEqual(['h264_nvenc', 'h264_qsv']);
    const test = calls.find((call) => call.args.includes('h264_nvenc'));
    expect(test?.args.join(' ')).toContain('-f lavfi -i color=size=256x256:duration=0.1 -frames:v 1 -c:v h264_nvenc');
    expect(test?.args.slice(-3)).toEqual(['-f', 'null', '-']);
    // Each test encode has a time limit, so a hanging driver cannot hold up an export.
    expect(test?.signal).toBeInstanceOf(AbortSignal);
  });

  it('falls back to libx264 when no hardware encoder works, none is listed, or ffmpeg cannot list them', async () => {
    const logger = createMemoryLogger();
    expect(await pickH264Encoder({ tools: fakeTools, logger, run: fakeRunner({ listed: ENCODERS_OUTPUT, working: [] }).run })).toBe('libx264');
    expect(await pickH264Encoder({ tools: fakeTools, logger, run: fakeRunner({ listed: 'Encoders:\n V....D libx264  libx264\n', working: ['h264_nvenc'] }).run })).toBe('libx264');
    expect(await pickH264Encoder({ tools: fakeTools, logger, run: fakeRunner({ listed: '', working: [], listFails: true }).run })).toBe('libx264');
  });
});

describe('detectH264Encoder', () => {
  it('finds a working encoder (libx264 on a machine without a usable GPU one) and answers from its cache the second time', async () => {
    const tools = resolveMediaTools();
    const logger = createMemoryLogger();
    const encoder = await detectH264Encoder({ tools, logger });
    expect([SOFTWARE_H264_ENCODER, ...HARDWARE_H264_ENCODERS]).toContain(encoder);
    const runs = logger.lines.length;
    const started = Date.now();
    expect(await detectH264Encoder({ tools, logger })).toBe(encoder);
    expect(logger.lines.length).toBe(runs);
    expect(Date.now() - started).toBeLessThan(50);
  });
});
