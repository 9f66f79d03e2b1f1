import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { Loading } from '@/components/ui/spinner';
import { StepUpPrompt } from '@/features/security/components/step-up-prompt';
import { onSignedOut } from '@/lib/api/client';
import { ApiError } from '@/lib/api/problem';
import { isReturningCustomer, useMe } from '@/lib/session';
import { Brand } from './brand';
import { AdvancesIcon, HomeIcon, SettingsIcon } from './icons';
import styles from './layout.module.css';

const NAV = [
  { to: '/', label: 'Home', icon: HomeIcon },
  { to: '/advances', label: 'Advances', icon: AdvancesIcon },
  { to: '/settings', label: 'Settings', icon: SettingsIcon },
];

/** Pages for a signed-in customer. No session (401): to sign-in, wherever the 401 came from. */
export function AppLayout() {
  const navigate = useNavigate();
  const me = useMe();
  const signedOut = me.error instanceof ApiError && me.error.status === 401;
  // No session, or it ended on the server (any 401): a device that signed in before goes to
  // sign-in, a new visitor to sign-up.
  useEffect(() => {
    const toSignIn = () => navigate(isReturningCustomer() ? '/signin' : '/signup', { replace: true });
    if (signedOut) toSignIn();
    return onSignedOut(toSignIn);
  }, [signedOut, navigate]);

  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Brand />
          <nav aria-label="Main" className={styles.desktopNav}>
            {NAV.map((n) => (
              <NavLink key={n.to} to={n.to} end>
                {n.label}
              </NavLink>
            ))}
          </nav>
        </div>
      </header>
      <main className={styles.main} id="main">
        {me.isPending || signedOut ? <Loading /> : <Outlet />}
      </main>
      <StepUpPrompt />
      <nav aria-label="Tabs" className={styles.tabs}>
        {NAV.map((n) => (
          <NavLink key={n.to} to={n.to} end className={({ isActive }) => `${styles.tab} ${isActive ? styles.tabActive : ''}`}>
            <n.icon />
            {n.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
