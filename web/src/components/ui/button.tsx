import type { ButtonHTMLAttributes } from 'react';
import styles from './button.module.css';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  block?: boolean;
  /** Shows the work in progress and blocks a second click while a request runs. */
  busy?: boolean;
}

export function Button({ variant = 'primary', block, busy, disabled, className, children, type = 'button', ...rest }: ButtonProps) {
  const classes = [styles.button, styles[variant], block ? styles.block : '', className ?? ''].join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}

export function buttonClass(variant: Variant = 'primary', block = false): string {
  return [styles.button, styles[variant], block ? styles.block : ''].join(' ');
}
