import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin';
import { SessionGuard } from './SessionGuard';
import { useAuth } from './useAuth';

/** Gate for every page but the login page: sends unfinished sessions to where they can finish. */
export function RequireAuth() {
  const { me, loading, loggedOut } = useAuth();
  const location = useLocation();

  if (loading) return <FullPageSpin />;
  if (!me || me.pending === 'mfa' || me.pending === 'password-change') {
    // Remember the page for after login (expired session, deep link), but not after a deliberate logout.
    return <Navigate to="/login" replace state={loggedOut ? null : { from: location.pathname }} />;
  }
  // An administrator without a second factor may only enrol it; the server refuses everything else.
  if (me.pending === 'mfa-enroll' && location.pathname !== '/me') {
    return <Navigate to="/me#totp" replace />;
  }
  return (
    <>
      <Outlet />
      <SessionGuard />
    </>
  );
}
