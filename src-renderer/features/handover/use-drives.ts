import { useEffect, useState } from 'react';
import type { Drive } from '../../../src-shared/domain/drives';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { sameDrives } from './drive-format';

/** Often enough that a stick plugged in shows up while the person looks; the OS tools answer in well under this. */
const REFRESH_MS = 3000;

/** The removable drives, asked again every few seconds while `active`, so a stick plugged in appears by itself. */
export function useDrives(options: { active: boolean }): { drives: Drive[] | null; error: string | null } {
  const api = useApi();
  const [drives, setDrives] = useState<Drive[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!options.active) return undefined;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = () => {
      api.drives.list({}).then(
        (found) => {
          if (!current) return;
          setDrives((before) => (before && sameDrives(before, found) ? before : found));
          setError(null);
          timer = setTimeout(ask, REFRESH_MS);
        },
        (failure: unknown) => {
          if (!current) return;
          setError(errorMessage(failure));
          timer = setTimeout(ask, REFRESH_MS);
        },
      );
    };
    ask();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, options.active]);
  return { drives, error };
}
