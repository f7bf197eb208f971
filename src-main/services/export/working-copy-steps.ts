/**
 * Processing steps for the manifest: police guidance asks that each step be repeatable and explained, so each names
 * the tool and its exact version, the exact command line as run, and its parameters in plain values.
 */
import type { ProcessingStep } from '../../../src-shared/domain/export';
import type { Logger } from '../logger';
import type { ResolvedTool } from '../media/binaries';
import { runTool } from '../media/runner';

const versionLines = new Map<string, Promise<string>>();

/**
 * The first line of `ffmpeg -version` (e.g. "ffmpeg version 6.0-static … Copyright (c) 2000-2023 the FFmpeg
 * developers"), once per binary per process: the binary does not change while the app runs.
 */
export function toolVersionLine(options: { tool: ResolvedTool; logger: Logger }): Promise<string> {
  const key = options.tool.path;
  let line = versionLines.get(key);
  if (!line) {
    line = runTool({ tool: options.tool, args: ['-hide_banner', '-version'], logger: options.logger, captureStdout: true }).then(
      ({ stdout }) => stdout.split('\n')[0]?.trim() || `${options.tool.tool} (version unknown)`,
    );
    // A failed attempt is not remembered, so the next export asks again.
    line.catch(() => versionLines.delete(key));
    versionLines.set(key, line);
  }
  return line;
}

/**
 * The version alone ("5.1.9-0+deb12u1", "6.0-static"), as readToolVersion gives it, from the remembered first line:
 * no ffmpeg run per export (a dynamically linked ffmpeg takes a quarter of a second just to start).
 */
export async function toolVersion(options: { tool: ResolvedTool; logger: Logger }): Promise<string> {
  const line = await toolVersionLine(options);
  return /version\s+(\S+)/.exec(line)?.[1] ?? line;
}

export interface StepRun {
  tool: ResolvedTool;
  toolVersion: string;
  commandLine: string;
}

export function makeStep({ run, description, parameters }: { run: StepRun; description: string; parameters: Record<string, unknown> }): ProcessingStep {
  return { description, tool: run.tool.tool, toolVersion: run.toolVersion, commandLine: run.commandLine, parameters };
}

/** "00:01:02.500": how the manifest names a point in a recording. */
export function clockText(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const s = (totalMs % 60_000) / 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

const FILTER_DESCRIPTIONS: Record<string, string> = {
  deinterlace: 'Deinterlaced (ffmpeg yadif, one frame per frame), to remove the comb lines of interlaced cameras.',
  denoise: 'Reduced picture noise (ffmpeg hqdn3d), which softens grain at night at the cost of fine detail.',
  eq: 'Adjusted brightness, contrast and gamma (ffmpeg eq).',
  sharpen: 'Sharpened (ffmpeg unsharp, 5×5 luma).',
  scale: 'Scaled down to at most the preset width (ffmpeg scale), keeping the shape of the picture.',
  pad: 'Added one black pixel row or column, because H.264 in 4:2:0 needs even picture sizes; no recorded pixel is changed.',
  caption:
    'Burnt in a caption in a black band added under the picture (no recorded pixel is covered): case reference, camera, and the true time of each frame in the recorder’s time zone, drawn by ffmpeg drawtext from the frame’s timestamp.',
};

/** Each filter of a re-encode as its own step, in the order they ran, all from the same ffmpeg run. */
export function filterSteps({ run, filters }: { run: StepRun; filters: readonly { name: string; filter: string; parameters: Record<string, unknown> }[] }): ProcessingStep[] {
  return filters.map((applied) =>
    makeStep({
      run,
      description: `${FILTER_DESCRIPTIONS[applied.name] ?? applied.name} Done in the same ffmpeg run as the re-encode.`,
      parameters: { ...applied.parameters, filter: applied.filter },
    }),
  );
}
