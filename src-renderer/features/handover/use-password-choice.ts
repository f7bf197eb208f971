import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/hooks';
import { ownPasswordState, type PasswordCheck } from './password-format';

/** How long typing must pause before the person's own password is checked. */
const CHECK_DELAY_MS = 250;

export type PasswordMode = 'suggested' | 'own';

export interface PasswordChoice {
  mode: PasswordMode;
  /** The password that would be used now; null while there is none. Kept in this component's state only. */
  password: string | null;
  suggested: string | null;
  own: string;
  ownCheck: PasswordCheck | null;
  state: 'ready' | 'loading' | 'checking' | 'weak' | 'empty';
  confirmed: boolean;
  error: string | null;
  setMode: (mode: PasswordMode) => void;
  setOwn: (text: string) => void;
  setConfirmed: (confirmed: boolean) => void;
  /** New suggested words (and a fresh start), e.g. for another USB stick. */
  renew: () => void;
  /** Forgets every password once the evidence is written: it is never shown again. */
  clear: () => void;
}

/**
 * The password for the evidence: the suggested words (asked for once per round), or the person's own, checked
 * against the rules a short moment after typing stops. Nothing here is stored, logged or put in the address.
 */
export function usePasswordChoice(caseId: string): PasswordChoice {
  const api = useApi();
  const [round, setRound] = useState(0);
  const [active, setActive] = useState(true);
  const [suggested, setSuggested] = useState<{ round: number; password: string } | null>(null);
  const [mode, setModeState] = useState<PasswordMode>('suggested');
  const [own, setOwnState] = useState('');
  const [checked, setChecked] = useState<{ password: string; result: PasswordCheck } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return undefined;
    let current = true;
    api.bundle.suggestPassword({}).then(
      (made) => current && setSuggested({ round, password: made.password }),
      (failure: unknown) => current && setError(errorMessage(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, round, active]);

  useEffect(() => {
    if (mode !== 'own' || own === '') return undefined;
    let current = true;
    const timer = setTimeout(() => {
      api.bundle.checkPassword({ password: own, caseId }).then(
        (result) => current && setChecked({ password: own, result }),
        (failure: unknown) => current && setError(errorMessage(failure)),
      );
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, caseId, mode, own]);

  const suggestedNow = active && suggested?.round === round ? suggested.password : null;
  const state = mode === 'suggested' ? (suggestedNow === null ? 'loading' : 'ready') : ownPasswordState(own, checked);
  const password = mode === 'suggested' ? suggestedNow : own === '' ? null : own;

  return {
    mode,
    password,
    suggested: suggestedNow,
    own,
    ownCheck: checked?.password === own ? checked.result : null,
    state,
    confirmed,
    error,
    setMode: (next) => {
      setModeState(next);
      setConfirmed(false);
    },
    setOwn: (text) => {
      setOwnState(text);
      setConfirmed(false);
    },
    setConfirmed,
    renew: () => {
      setActive(true);
      setRound((n) => n + 1);
      setModeState('suggested');
      setOwnState('');
      setChecked(null);
      setConfirmed(false);
      setError(null);
    },
    clear: () => {
      setActive(false);
      setSuggested(null);
      setModeState('suggested');
      setOwnState('');
      setChecked(null);
      setConfirmed(false);
    },
  };
}
