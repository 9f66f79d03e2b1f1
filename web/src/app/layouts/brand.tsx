import { Link } from 'react-router';
import styles from './layout.module.css';

export function Brand({ to = '/' }: { to?: string }) {
  return (
    <Link to={to} className={styles.brand} aria-label="Timely home">
      <img src="/icons/icon.svg" alt="" width={32} height={32} />
      <span aria-hidden="true">Timely</span>
    </Link>
  );
}
