import { useEffect, useState } from 'react';
import type { CameraRef, ThumbnailStrip as Strip } from '../../../src-shared/domain/review';
import { useApi } from '../../api/api-context';
import { formatInZone } from '../footage/footage-format';

const FRAMES = 12;

/**
 * Small pictures of the selected camera across the stretch the timeline shows, to spot when something happens. Main
 * makes each one with ffmpeg when the image is first asked for, and keeps it on disk for next time.
 */
export function ThumbnailStrip(props: { camera: CameraRef; range: { startMs: number; endMs: number } | null; timeZone: string; onSeek: (ms: number) => void }) {
  const api = useApi();
  const [strip, setStrip] = useState<Strip | null>(null);
  const { sourceId, cameraKey } = props.camera;
  const startMs = props.range ? Math.round(props.range.startMs) : null;
  const endMs = props.range ? Math.round(props.range.endMs) : null;
  useEffect(() => {
    if (startMs === null || endMs === null || endMs <= startMs) return undefined;
    let current = true;
    api.review.thumbnails({ camera: { sourceId, cameraKey }, fromMs: startMs, toMs: endMs, count: FRAMES }).then(
      (result) => current && setStrip(result),
      // Pictures are a help, not the evidence: without them the timeline still works.
      () => current && setStrip(null),
    );
    return () => {
      current = false;
    };
  }, [api, sourceId, cameraKey, startMs, endMs]);
  if (!strip) return null;
  return (
    <ol className="thumbnail-strip" aria-label="Pictures from the selected camera across the timeline" data-testid="thumbnail-strip">
      {strip.frames.map((frame) => (
        <li key={frame.atMs}>
          {frame.url ? (
            <button type="button" className="thumbnail" onClick={() => props.onSeek(frame.atMs)} title={`Go to ${formatInZone(frame.atMs, props.timeZone)}`}>
              <img src={frame.url} alt={`Picture at ${formatInZone(frame.atMs, props.timeZone)}`} loading="lazy" data-testid="thumbnail-image" />
            </button>
          ) : (
            <span className="thumbnail empty" title="No recording at this moment" />
          )}
        </li>
      ))}
    </ol>
  );
}
