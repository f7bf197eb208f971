import { useEffect, useRef, useState } from 'react';
import { EXPORT_PRESETS, type ExportEstimate, type ExportOptions, type ExportPreset } from '../../../src-shared/domain/export';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { estimateKey } from './export-format';

export interface ExportEstimates {
  /** The last answer for each preset; kept while a newer one is on its way, so the numbers do not flicker. */
  byPreset: Record<ExportPreset, ExportEstimate> | null;
  error: string | null;
  /** True while the options changed and the new estimates are not in yet. */
  updating: boolean;
}

/**
 * Asks for the size and time of all three presets with the other options as chosen: at once the first time, then a
 * moment after the options stop changing (a slider being dragged asks once, not forty times). Late answers are dropped.
 */
export function useExportEstimates(options: { caseId: string; exportOptions: ExportOptions; enabled: boolean; delayMs?: number }): ExportEstimates {
  const api = useApi();
  const { caseId, enabled } = options;
  const key = `${caseId}:${estimateKey(options.exportOptions)}`;
  const optionsRef = useRef(options.exportOptions);
  useEffect(() => {
    optionsRef.current = options.exportOptions;
  });
  const [answer, setAnswer] = useState<{ key: string; byPreset: Record<ExportPreset, ExportEstimate> | null; error: string | null } | null>(null);
  const answeredRef = useRef(false);
  const delayMs = options.delayMs ?? 400;

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      const base = optionsRef.current;
      answeredRef.current = true;
      Promise.all(EXPORT_PRESETS.map((preset) => api.export.estimate({ caseId, options: { ...base, preset } }))).then(
        (estimates) => {
          if (!current) return;
          const byPreset = Object.fromEntries(EXPORT_PRESETS.map((preset, index) => [preset, estimates[index]!])) as Record<ExportPreset, ExportEstimate>;
          setAnswer({ key, byPreset, error: null });
        },
        (failure: unknown) => current && setAnswer((seen) => ({ key, byPreset: seen?.byPreset ?? null, error: errorMessage(failure) })),
      );
    }, answeredRef.current ? delayMs : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, caseId, key, enabled, delayMs]);

  return { byPreset: answer?.byPreset ?? null, error: answer?.key === key ? answer.error : null, updating: enabled && answer?.key !== key };
}
