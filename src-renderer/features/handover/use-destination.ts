import { useState } from 'react';
import { ApiError } from '../../../src-shared/client';
import type { Destination } from '../../../src-shared/domain/bundle';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import type { DestinationChoice } from './DestinationSection';

export interface DestinationState {
  /** The stick chosen for this export, with its latest checks; null before one is chosen. */
  destination: Destination | null;
  checking: boolean;
  error: string | null;
  choose: (choice: DestinationChoice) => void;
  /** Runs the checks again; `then` gets the new result (e.g. to write straight away when all pass). */
  refresh: (then?: (destination: Destination) => void) => void;
  /** Deletes the unfinished copy a failed write left on the stick (only that folder), then shows the new checks. */
  removeUnfinished: () => void;
  forget: () => void;
}

/** The USB stick chosen for one export: chosen through the API (dialog or typed folder) and checked again on request. */
export function useDestination(options: { caseId: string; exportId: string | null }): DestinationState {
  const api = useApi();
  const { caseId, exportId } = options;
  const [chosen, setChosen] = useState<{ exportId: string; destination: Destination } | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const destination = chosen && chosen.exportId === exportId ? chosen.destination : null;

  const failed = (failure: unknown) => {
    setChecking(false);
    // The app forgets chosen sticks when it restarts: then the person simply chooses again.
    if (failure instanceof ApiError && failure.code === 'not_found') setChosen(null);
    setError(errorMessage(failure));
  };

  return {
    destination,
    checking,
    error,
    choose: (choice) => {
      if (!exportId) return;
      setChecking(true);
      setError(null);
      api.bundle.chooseDestination({ caseId, exportId, destination: choice }).then((found) => {
        setChecking(false);
        // null: the person closed the folder picker without choosing. Nothing to do.
        if (found) setChosen({ exportId, destination: found });
      }, failed);
    },
    refresh: (then) => {
      if (!chosen || !destination) return;
      setChecking(true);
      setError(null);
      api.bundle.refreshDestination({ destinationId: destination.destinationId }).then((found) => {
        setChecking(false);
        setChosen({ exportId: chosen.exportId, destination: found });
        then?.(found);
      }, failed);
    },
    removeUnfinished: () => {
      if (!chosen || !destination) return;
      setChecking(true);
      setError(null);
      api.bundle.removeStalePartial({ destinationId: destination.destinationId }).then((found) => {
        setChecking(false);
        setChosen({ exportId: chosen.exportId, destination: found });
      }, failed);
    },
    forget: () => {
      setChosen(null);
      setError(null);
    },
  };
}
