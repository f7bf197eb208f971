import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../src-shared/client';
import type { JobSnapshot } from '../../src-shared/domain/jobs';
import { useApi } from './api-context';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
  /** Replace the data after a successful change, without another round trip. */
  set(value: T): void;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Nothing was lost. Please try again.';
}

/** Loads data through the API and re-loads when `key` changes; answers for an earlier key are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; generation: number; data: T | null; error: string | null } | null>(null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => current && setLoaded({ key, generation, data, error: null }),
      (error: unknown) => current && setLoaded({ key, generation, data: null, error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const set = useCallback((data: T) => setLoaded({ key, generation, data, error: null }), [key, generation]);
  const sameKey = loaded?.key === key;
  return {
    data: sameKey ? loaded.data : null,
    error: sameKey ? loaded.error : null,
    loading: !sameKey || loaded.generation !== generation,
    reload,
    set,
  };
}

/** Follows one job: its snapshot now, then every pushed update. */
export function useJob(jobId: string | null): JobSnapshot | null {
  const api = useApi();
  const [job, setJob] = useState<JobSnapshot | null>(null);
  useEffect(() => {
    if (!jobId) return undefined;
    let current = true;
    const unsubscribe = api.events.subscribe((event) => {
      if (event.type === 'job.update' && event.job.id === jobId && current) setJob(event.job);
    });
    api.jobs.get({ jobId }).then(
      (snapshot) => current && setJob((seen) => (seen?.id === jobId ? seen : snapshot)),
      () => undefined,
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, jobId]);
  return job && job.id === jobId ? job : null;
}
