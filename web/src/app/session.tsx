// Who is signed in. The session lives in an HttpOnly cookie the app cannot read, so it asks the
// API (GET /auth/session) at start; a 401 from any later call means it lapsed.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type Principal } from '../api/api.js';
import { setUnauthenticatedHandler } from '../api/client.js';
import { ApiError } from '../api/errors.js';

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason: 'none' | 'expired' | 'signed-out' }
  | { kind: 'signed-in'; principal: Principal }
  | { kind: 'unavailable'; error: unknown };

interface SessionValue {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<Principal>;
  signOut: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'checking' });
  const check = useCallback(() => {
    setState({ kind: 'checking' });
    api.session().then(
      (s) => {
        setState({ kind: 'signed-in', principal: s.principal });
      },
      (error: unknown) => {
        setState(
          error instanceof ApiError && error.status === 401
            ? { kind: 'signed-out', reason: 'none' }
            : { kind: 'unavailable', error },
        );
      },
    );
  }, []);
  useEffect(() => {
    check();
    setUnauthenticatedHandler(() => {
      setState({ kind: 'signed-out', reason: 'expired' });
    });
    return () => {
      setUnauthenticatedHandler(undefined);
    };
  }, [check]);
  const signIn = useCallback(async (email: string, password: string) => {
    const s = await api.login(email, password);
    setState({ kind: 'signed-in', principal: s.principal });
    return s.principal;
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ kind: 'signed-out', reason: 'signed-out' });
    }
  }, []);
  const value = useMemo(() => ({ state, signIn, signOut, retry: check }), [state, signIn, signOut, check]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}

/** The signed-in principal; screens inside the shell are only rendered when there is one. */
export function usePrincipal(): Principal {
  const { state } = useSession();
  if (state.kind !== 'signed-in') {
    throw new Error('usePrincipal while not signed in');
  }
  return state.principal;
}
