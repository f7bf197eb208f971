import { useEffect, useRef } from 'react';

/**
 * A job that finishes a step marks it done in main; the checklist beside it is read again once, when the job is seen
 * to succeed, so the tick appears without a reload.
 */
export function useCaseRefreshOnSuccess(options: { succeeded: boolean; onCaseChanged: () => void }): void {
  const { succeeded, onCaseChanged } = options;
  const refreshed = useRef(false);
  useEffect(() => {
    if (!succeeded) {
      refreshed.current = false;
      return;
    }
    if (refreshed.current) return;
    refreshed.current = true;
    onCaseChanged();
  }, [succeeded, onCaseChanged]);
}
