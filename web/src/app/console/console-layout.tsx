import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { Loading } from '@/components/ui/spinner';
import { onSignedOut } from '@/lib/api/client';
import { ApiError } from '@/lib/api/problem';
import { useStaffMe } from '@/lib/staff-session';
import { useStaffSignOut } from '@/features/console-auth/api/staff-sign-in';
import styles from './console-layout.module.css';

/** The console's frame: its own navigation, who is signed in, sign-out. Operators also see the dashboard. */
export function ConsoleLayout() {
  const navigate = useNavigate();
  const me = useStaffMe();
  const signOut = useStaffSignOut();
  const signedOut = me.error instanceof ApiError && (me.error.status === 401 || me.error.status === 403);
  useEffect(() => {
    const toSignIn = () => navigate('/console/signin', { replace: true });
    if (signedOut) toSignIn();
    return onSignedOut(toSignIn);
  }, [signedOut, navigate]);

  const staff = me.data;
  return (
    <div className={styles.shell}>
      <header className={styles.bar}>
        <div className={styles.barInner}>
          <span className={styles.brand}>Timely console</span>
          <nav aria-label="Console" className={styles.nav}>
            <NavLink to="/console" end>
              Needs attention
            </NavLink>
            <NavLink to="/console/accounts">Accounts</NavLink>
            {staff?.role === 'operator' && (
              <>
                <NavLink to="/console/dashboard">Dashboard</NavLink>
                <NavLink to="/console/staff">Staff</NavLink>
              </>
            )}
          </nav>
          {staff && (
            <div className={styles.who}>
              <span className={styles.email} title={staff.email}>
                {staff.email}
              </span>
              <span>{staff.role}</span>
              <button type="button" className={styles.signOut} onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/console/signin', { replace: true }) })}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <main className={styles.main}>{staff ? <Outlet context={staff} /> : <Loading />}</main>
    </div>
  );
}
