import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Permission } from '@common/permissions';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import { queryClient } from '../api/queryClient';
import type { Me } from '../api/types';
import { authApi } from '../modules/auth/api';
import { emitSessionEnd } from './sessionEnd';

export interface AuthValue {
  /** null when nobody is logged in (or the session ended). */
  me: Me | null;
  /** true until the first GET /api/auth/me has answered. */
  loading: boolean;
  /** Set after login / MFA / enrolment responses, which all return the Me object. */
  setMe: (me: Me | null) => void;
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  /** Whether the session carries a permission; the server checks again on every route. */
  can: (permission: Permission) => boolean;
  /** Set when a running session was ended by the server (idle timeout, disabled account). */
  expired: boolean;
  /** Set after an explicit logout: the next login starts at the workbench, not where this one left off. */
  loggedOut: boolean;
  /**
   * Set when the server ended a running session: the page stays (with whatever form is being
   * filled) and a login dialog covers it (SessionGuard); `me` keeps the previous user until then.
   */
  reauth: boolean;
}

export const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);
  const [loggedOut, setLoggedOut] = useState(false);
  const [reauth, setReauth] = useState(false);
  const hadSession = useRef(false);

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    if (next === null && hadSession.current) {
      emitSessionEnd();
      // Cached answers belong to the user who saw them: the next person at this browser starts empty.
      queryClient.clear();
    }
    hadSession.current = next !== null;
    if (next) {
      setExpired(false);
      setLoggedOut(false);
    }
    setReauth(false);
    setMeState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const next = await authApi.me();
      setMe(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        return null;
      }
      throw err;
    }
  }, [setMe]);

  useEffect(() => {
    // Any 401 means the server no longer knows this session. A page that was in use stays where it
    // is, under a login dialog, so a form being filled is not lost (SessionGuard); without a
    // running session the router shows the login page.
    setUnauthorizedHandler(() => {
      if (hadSession.current) {
        setExpired(true);
        setReauth(true);
        return;
      }
      setMe(null);
    });
    refresh()
      .catch(() => setMe(null))
      .finally(() => setLoading(false));
    return () => setUnauthorizedHandler(null);
  }, [refresh, setMe]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // The session is dropped locally regardless; the server expires it on its own.
    }
    setLoggedOut(true);
    setMe(null);
  }, [setMe]);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      loading,
      setMe,
      refresh,
      logout,
      expired,
      loggedOut,
      reauth,
      can: (permission) => !!me && me.pending === null && me.permissions.includes(permission),
    }),
    [me, loading, setMe, refresh, logout, expired, loggedOut, reauth],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
