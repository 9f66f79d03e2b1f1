/** A polite loading line: announced once, no layout jump. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p role="status" aria-live="polite" style={{ color: 'var(--ink-soft)' }}>
      {label}
    </p>
  );
}
