import type { SourceSummary } from '../../../src-shared/domain/catalogue';
import type { Clip } from '../../../src-shared/domain/review';
import { formatDuration } from '../footage/footage-format';
import { formatClipSpan } from '../review/review-format';

/** The recorder's clock can only be trusted to differ when it was checked; then both times are shown. */
function recorderClockDiffers(source: SourceSummary | undefined): boolean {
  return source !== undefined && (source.clockCheck === 'measured' || source.clockCheck === 'entered') && source.clockOffsetS !== 0;
}

/** "What will be exported": every clip with its camera, its times (with the date) and its length. */
export function ExportClipList(props: { clips: Clip[]; sources: SourceSummary[]; fallbackTimeZone: string }) {
  const lengthMs = props.clips.reduce((sum, clip) => sum + (clip.endMs - clip.startMs), 0);
  return (
    <section className="card export-clips" aria-labelledby="export-clips-title">
      <h2 id="export-clips-title">What will be exported</h2>
      <ol className="export-clip-list">
        {props.clips.map((clip) => {
          const source = props.sources.find((item) => item.id === clip.camera.sourceId);
          const timeZone = source?.timeZone ?? props.fallbackTimeZone;
          return (
            <li key={clip.id} className="export-clip" data-testid="export-clip">
              <div className="clip-head">
                <strong>
                  {clip.position}. {clip.cameraLabel}
                </strong>
                <span className="muted small">{formatDuration(clip.endMs - clip.startMs)}</span>
              </div>
              <span data-testid="export-clip-time">{formatClipSpan({ startMs: clip.startMs, endMs: clip.endMs, timeZone })}</span>
              {recorderClockDiffers(source) && (
                <span className="muted small block">
                  The recorder&rsquo;s clock showed {formatClipSpan({ startMs: clip.recorderStartMs, endMs: clip.recorderEndMs, timeZone })}
                </span>
              )}
              {(clip.label || clip.note) && <span className="small block">{[clip.label, clip.note].filter(Boolean).join(': ')}</span>}
            </li>
          );
        })}
      </ol>
      <p className="small muted">
        {props.clips.length} clip{props.clips.length === 1 ? '' : 's'}, {formatDuration(lengthMs)} of recording in all. To change them, go back to step 1.
      </p>
    </section>
  );
}
