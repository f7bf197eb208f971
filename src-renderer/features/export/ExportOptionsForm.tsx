import { useId } from 'react';
import { EXPORT_PRESETS, MASTER_MODES, type Enhancement, type ExportEstimate, type ExportPreset } from '../../../src-shared/domain/export';
import { ENHANCEMENT_SLIDERS, MASTER_MODE_TEXTS, NEUTRAL_ENHANCEMENT, PRESET_TEXTS, formatRoughSize, formatRoughTime, type ExportForm } from './export-format';

function PresetEstimate(props: { estimate: ExportEstimate | undefined; updating: boolean }) {
  if (!props.estimate) return <span className="muted small">Working out the size…</span>;
  return (
    <span className={`small preset-estimate${props.updating ? ' updating' : ''}`}>
      {formatRoughSize(props.estimate.totalBytes)} · {formatRoughTime(props.estimate.estimatedSeconds)}
    </span>
  );
}

/** Step 2's choices: the quality (three big cards, each with its size and time) and, folded away, the other options. */
export function ExportOptionsForm(props: {
  form: ExportForm;
  estimates: Record<ExportPreset, ExportEstimate> | null;
  updating: boolean;
  disabled: boolean;
  onChange: (form: ExportForm) => void;
}) {
  const ids = useId();
  const { form, disabled } = props;
  const change = (patch: Partial<ExportForm>) => props.onChange({ ...form, ...patch });
  const setEnhancement = (patch: Partial<Enhancement>) => change({ enhancement: { ...form.enhancement, ...patch } });

  return (
    <>
      <fieldset className="preset-choice" disabled={disabled}>
        <legend>
          <h2>Quality of the copies that play on any computer</h2>
        </legend>
        <p className="muted small">The original recordings are always copied as they are. This only changes the copies made for watching.</p>
        <div className="preset-cards">
          {EXPORT_PRESETS.map((preset) => (
            <label key={preset} className={`preset-card${form.preset === preset ? ' chosen' : ''}`}>
              <input
                type="radio"
                name={`${ids}-preset`}
                value={preset}
                checked={form.preset === preset}
                onChange={() => change({ preset })}
                data-testid={`preset-${preset}`}
              />
              <span className="preset-title">{PRESET_TEXTS[preset].title}</span>
              <span className="preset-explain">{PRESET_TEXTS[preset].explain}</span>
              <PresetEstimate estimate={props.estimates?.[preset]} updating={props.updating} />
            </label>
          ))}
        </div>
      </fieldset>

      <details className="card more-options">
        <summary>More options</summary>
        <fieldset disabled={disabled}>
          <label className="check-row">
            <input type="checkbox" checked={form.caption} onChange={(event) => change({ caption: event.target.checked })} data-testid="export-caption" />
            <span>
              <strong>Add the date, time and camera name on the picture</strong>
              <span className="muted small block">The real time (with the recorder&rsquo;s clock corrected), the crime reference and the camera, written into the copies for watching.</span>
            </span>
          </label>

          <label className="check-row">
            <input type="checkbox" checked={form.enhance} onChange={(event) => change({ enhance: event.target.checked })} data-testid="export-enhance" />
            <span>
              <strong>Make the picture clearer</strong>
              <span className="muted small block">Only the copies for watching are changed. The original recordings are never changed, and every change is written down for the police.</span>
            </span>
          </label>
          {form.enhance && (
            <div className="enhancement" data-testid="export-enhancement">
              {ENHANCEMENT_SLIDERS.map((slider) => (
                <label key={slider.key} className="slider-row">
                  <span>
                    {slider.label} <span className="muted small">{slider.explain}</span>
                  </span>
                  <input
                    type="range"
                    min={slider.min}
                    max={slider.max}
                    step={slider.step}
                    value={form.enhancement[slider.key]}
                    onChange={(event) => setEnhancement({ [slider.key]: Number(event.target.value) })}
                    data-testid={`export-${slider.key}`}
                  />
                  <output className="slider-value">{form.enhancement[slider.key].toFixed(2)}</output>
                </label>
              ))}
              <label className="check-row">
                <input type="checkbox" checked={form.enhancement.deinterlace} onChange={(event) => setEnhancement({ deinterlace: event.target.checked })} data-testid="export-deinterlace" />
                <span>
                  Remove comb-like stripes on moving things <span className="muted small">(deinterlace, for older analogue cameras)</span>
                </span>
              </label>
              <button type="button" className="button link" onClick={() => change({ enhancement: NEUTRAL_ENHANCEMENT })}>
                Put the sliders back
              </button>
            </div>
          )}

          <div className="masters-choice" role="radiogroup" aria-label="Original recordings">
            <h3>Original recordings</h3>
            {MASTER_MODES.map((mode) => (
              <label key={mode} className="check-row">
                <input type="radio" name={`${ids}-masters`} value={mode} checked={form.masters === mode} onChange={() => change({ masters: mode })} data-testid={`masters-${mode}`} />
                <span>
                  <strong>{MASTER_MODE_TEXTS[mode].title}</strong>
                  <span className="muted small block">{MASTER_MODE_TEXTS[mode].explain}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </details>
    </>
  );
}
