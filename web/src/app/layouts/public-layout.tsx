import { Outlet } from 'react-router';
import { Brand } from './brand';
import styles from './layout.module.css';

/** Sign-up, sign-in and the code: one card, centred, nothing else to distract. */
export function PublicLayout() {
  return (
    <div className={styles.public}>
      <Brand to="/signup" />
      <main className={styles.publicCard}>
        <Outlet />
      </main>
    </div>
  );
}
