import type { CameraOverview, ClockCheck } from '../../../src-shared/domain/catalogue';
import { coverageBlocks, describeGap, formatDuration, formatInZone, formatSpanInZone, overallSpan, plural } from './footage-format';

/** Gaps listed straight away; the rest are behind "Show all". */
const GAPS_SHOWN = 4;

interface Span {
  startMs: number;
  endMs: number;
}

function CoverageBar(props: { camera: CameraOverview; span: Span }) {
  const { camera, span } = props;
  const blocks = coverageBlocks(camera, span);
  const total = span.endMs - span.startMs;
  const percent = total > 0 ? Math.round((camera.coveredMs / total) * 100) : 100;
  return (
    <div className="coverage" role="img" aria-label={`${camera.label}: recorded ${Math.min(percent, 100)}% of the folder\u2019s time`} data-testid="coverage-bar">
      {blocks.map((block) => (
        <div key={block.left} className="coverage-fill" style={{ left: `${block.left}%`, width: `${block.width}%` }} />
      ))}
    </div>
  );
}

function GapList(props: { camera: CameraOverview; timeZone: string }) {
  const { camera, timeZone } = props;
  if (camera.gaps.length === 0) return <p className="ok small">No gaps: recorded all the way through.</p>;
  const lines = camera.gaps.map((gap) => describeGap(gap, timeZone));
  return (
    <div className="gaps">
      <p className="small">
        <strong>{plural(camera.gaps.length, 'gap')}</strong> in the recordings:
      </p>
      <ul className="gap-list small">
        {lines.slice(0, GAPS_SHOWN).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {lines.length > GAPS_SHOWN && (
        <details className="small">
          <summary>Show all {lines.length} gaps</summary>
          <ul className="gap-list">
            {lines.slice(GAPS_SHOWN).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

interface ClockProps {
  timeZone: string;
  clockOffsetS: number;
  clockCheck: ClockCheck;
}

/** When the camera recorded: the real time and, where it differs, what the recorder's clock showed. */
function CameraTimes(props: ClockProps & { camera: CameraOverview & { startMs: number; endMs: number } }) {
  const { camera, timeZone, clockCheck } = props;
  const offsetMs = Math.round(props.clockOffsetS * 1000);
  const real = formatSpanInZone(camera, timeZone);
  const recorded = `(${formatDuration(camera.coveredMs)} recorded)`;
  if (clockCheck === 'unanswered' || clockCheck === 'skipped') {
    return (
      <p className="small camera-times">
        {real} {recorded} <span className="muted">by the recorder&rsquo;s clock, which {clockCheck === 'skipped' ? 'was not checked' : 'is not checked yet'}</span>
      </p>
    );
  }
  return (
    <p className="small camera-times both-clocks">
      <span>
        Real time: {real} {recorded}
      </span>
      {offsetMs !== 0 && (
        <span className="muted">
          Recorder&rsquo;s clock showed: {formatSpanInZone({ startMs: camera.startMs + offsetMs, endMs: camera.endMs + offsetMs }, timeZone)}
        </span>
      )}
    </p>
  );
}

function CameraRow(props: ClockProps & { camera: CameraOverview; span: Span | null }) {
  const { camera, span, timeZone, clockOffsetS, clockCheck } = props;
  const extras = [
    camera.motionEvents > 0 ? plural(camera.motionEvents, 'motion recording') : null,
    camera.alarmEvents > 0 ? plural(camera.alarmEvents, 'alarm recording') : null,
    camera.duplicates > 0 ? `${plural(camera.duplicates, 'recording')} saved twice` : null,
    camera.overlaps.length > 0 ? `${plural(camera.overlaps.length, 'place')} where recordings overlap` : null,
  ].filter((text): text is string => text !== null);
  return (
    <li className="camera-row" data-testid="camera-row">
      <div className="camera-head">
        <h4 className="camera-name" data-testid="camera-name">
          {camera.label}
        </h4>
        <span className="muted">{plural(camera.segments, 'recording')}</span>
      </div>
      {isPlayable(camera) && span ? (
        <>
          <CoverageBar camera={camera} span={span} />
          <CameraTimes camera={camera} timeZone={timeZone} clockOffsetS={clockOffsetS} clockCheck={clockCheck} />
          <GapList camera={camera} timeZone={timeZone} />
        </>
      ) : (
        <p className="problem small">No recording from this camera could be read.</p>
      )}
      {extras.length > 0 && <p className="small muted">{extras.join(' · ')}</p>}
    </li>
  );
}

function isPlayable(camera: CameraOverview): camera is CameraOverview & { startMs: number; endMs: number } {
  return camera.startMs !== null && camera.endMs !== null;
}

/** One row per camera: when it recorded, as a bar across the whole folder's time, and its gaps in words. */
export function CameraList(props: ClockProps & { cameras: CameraOverview[] }) {
  const span = overallSpan(props.cameras);
  if (props.cameras.length === 0) return <p className="muted">No recordings were found in this folder yet.</p>;
  return (
    <div className="camera-list">
      {span && (
        <div className="coverage-axis small muted">
          <span>
            <span className="visually-hidden">Each bar runs from </span>
            {formatInZone(span.startMs, props.timeZone)}
          </span>
          <span className="visually-hidden"> to </span>
          <span>{formatInZone(span.endMs, props.timeZone)}</span>
        </div>
      )}
      <ul aria-label="Cameras">
        {props.cameras.map((camera) => (
          <CameraRow key={camera.key} camera={camera} span={span} timeZone={props.timeZone} clockOffsetS={props.clockOffsetS} clockCheck={props.clockCheck} />
        ))}
      </ul>
    </div>
  );
}
