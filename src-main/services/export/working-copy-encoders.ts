/**
 * Picks the H.264 encoder for re-encoded working copies. ffmpeg lists the encoders it was built with, not the ones this
 * computer's graphics chip and driver can actually run, so each listed hardware encoder gets a one-frame test encode.
 */
import {
  buildEncoderTestArgs,
  ENCODER_LIST_ARGS,
  HARDWARE_H264_ENCODERS,
  parseEncoderList,
  SOFTWARE_H264_ENCODER,
} from '../../../src-shared/ffmpeg-args/export-encoders';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { runTool, type RunToolOptions, type RunToolResult } from '../media/runner';

/** A driver that hangs on initialisation must not hold up an export; a working encoder answers in well under this. */
export const ENCODER_TEST_TIMEOUT_MS = 10_000;

export type RunToolFn = (options: RunToolOptions) => Promise<RunToolResult>;

export interface PickEncoderOptions {
  tools: MediaTools;
  logger: Logger;
  /** Replaced in tests. */
  run?: RunToolFn;
  timeoutMs?: number;
}

/** The first listed hardware encoder whose test encode succeeds, else libx264. Uncached; see detectH264Encoder. */
export async function pickH264Encoder(options: PickEncoderOptions): Promise<string> {
  const run = options.run ?? runTool;
  const { tools, logger } = options;
  let listed: Set<string>;
  try {
    const { stdout } = await run({ tool: tools.ffmpeg, args: [...ENCODER_LIST_ARGS], logger, captureStdout: true });
    listed = parseEncoderList(stdout);
  } catch (error) {
    logger.warn('could not list ffmpeg encoders; using libx264', { error: String(error) });
    return SOFTWARE_H264_ENCODER;
  }
  for (const encoder of HARDWARE_H264_ENCODERS) {
    if (!listed.has(encoder)) continue;
    try {
      await run({ tool: tools.ffmpeg, args: buildEncoderTestArgs(encoder), logger, signal: AbortSignal.timeout(options.timeoutMs ?? ENCODER_TEST_TIMEOUT_MS) });
      logger.info('hardware H.264 encoder works', { encoder });
      return encoder;
    } catch (error) {
      logger.info('hardware H.264 encoder not usable here', { encoder, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return SOFTWARE_H264_ENCODER;
}

const detected = new Map<string, Promise<string>>();

/** The H.264 encoder to use: the first hardware encoder whose one-frame test encode works here, else libx264. Cached. */
export function detectH264Encoder(options: { tools: MediaTools; logger: Logger }): Promise<string> {
  const key = options.tools.ffmpeg.path;
  let choice = detected.get(key);
  if (!choice) {
    choice = pickH264Encoder(options);
    detected.set(key, choice);
  }
  return choice;
}
