import type { Readable } from 'node:stream';
import { buildProxyArgs } from '../../../src-shared/ffmpeg-args/proxy';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { startToolStream } from '../media/stream-tool';

/** A 3×3 grid of cameras plays nine at once; a tenth means one of the nine is no longer on screen. */
export const MAX_PROXY_STREAMS = 9;

/**
 * Starts the ffmpeg behind each proxy request, at most `maxStreams` at a time: past that the oldest is stopped, since
 * a player that is still wanted asks again. Each one stops when its request's signal aborts.
 */
export function createProxyStreams(options: { mediaTools: () => MediaTools; logger: Logger; maxStreams?: number }) {
  const maxStreams = options.maxStreams ?? MAX_PROXY_STREAMS;
  /** Oldest first. */
  const live: { stop: AbortController; pid: number }[] = [];

  return {
    async open(input: { absPath: string; offsetS: number; withAudio: boolean; signal: AbortSignal }): Promise<Readable> {
      const stop = new AbortController();
      const tools = options.mediaTools();
      const stream = await startToolStream({
        tool: tools.ffmpeg,
        args: buildProxyArgs({ inFile: input.absPath, offsetS: input.offsetS, withAudio: input.withAudio }),
        logger: options.logger,
        signal: AbortSignal.any([input.signal, stop.signal]),
      });
      const entry = { stop, pid: stream.pid };
      live.push(entry);
      void stream.exited.then(() => {
        const at = live.indexOf(entry);
        if (at >= 0) live.splice(at, 1);
      });
      while (live.length > maxStreams) {
        const oldest = live.shift()!;
        options.logger.info('too many playback conversions at once; stopping the oldest', { pid: oldest.pid, max: maxStreams });
        oldest.stop.abort();
      }
      return stream.stdout;
    },
    /** Process ids of the conversions running now, oldest first; for tests. */
    livePids: (): number[] => live.map((entry) => entry.pid),
  };
}

export type ProxyStreams = ReturnType<typeof createProxyStreams>;
