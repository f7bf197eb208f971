import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from './binaries';
import { runningToolStreamPids, startToolStream } from './stream-tool';

const tools = resolveMediaTools();

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('startToolStream', () => {
  it("hands over ffmpeg's binary stdout and logs the exact command line", async () => {
    const logger = createMemoryLogger();
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=5:duration=1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'];
    const stream = await startToolStream({ tool: tools.ffmpeg, args, logger, signal: new AbortController().signal });
    expect(runningToolStreamPids()).toContain(stream.pid);
    const bytes = await readAll(stream.stdout);
    expect(bytes.length).toBe(64 * 48 * 5);
    expect(await stream.exited).toEqual({ exitCode: 0, signal: null });
    expect(runningToolStreamPids()).not.toContain(stream.pid);
    expect(logger.lines.some((line) => line.fields?.commandLine === stream.commandLine)).toBe(true);
  });

  it('stops the process when the signal aborts', async () => {
    const controller = new AbortController();
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=5', '-f', 'rawvideo', 'pipe:1'];
    const stream = await startToolStream({ tool: tools.ffmpeg, args, logger: createMemoryLogger(), signal: controller.signal });
    stream.stdout.resume();
    controller.abort();
    const ended = await stream.exited;
    expect(ended.exitCode !== 0 || ended.signal !== null).toBe(true);
  });

  it('refuses to start when already cancelled, and reports a missing program in plain words', async () => {
    const aborted = AbortSignal.abort();
    await expect(startToolStream({ tool: tools.ffmpeg, args: [], logger: createMemoryLogger(), signal: aborted })).rejects.toMatchObject({ code: 'cancelled' });
    const missing = { tool: 'ffmpeg' as const, path: '/nonexistent/ffmpeg', source: 'env' as const };
    await expect(startToolStream({ tool: missing, args: [], logger: createMemoryLogger(), signal: new AbortController().signal })).rejects.toMatchObject({
      code: 'missing_tool',
      message: expect.stringMatching(/Could not start ffmpeg at \/nonexistent\/ffmpeg \(ENOENT\)/) as unknown,
    });
  });
});
