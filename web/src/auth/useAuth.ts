import { useContext } from 'react';
import { AuthContext, type AuthValue } from './AuthProvider';

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The logged-in user; only for components rendered behind <RequireAuth>. */
export function useMe() {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used without a session');
  return me;
}
