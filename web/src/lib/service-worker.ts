/**
 * Registers /sw.js, which caches the app shell only (never an API answer: they carry personal
 * data). Not in development, where Vite serves modules on the fly.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
