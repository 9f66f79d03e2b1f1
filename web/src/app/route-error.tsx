import { Link, useRouteError } from 'react-router';

/** A page that threw: say so plainly, keep a way home. */
export function RouteError() {
  const error = useRouteError();
  console.warn(error);
  return (
    <main style={{ maxWidth: 480, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Something went wrong</h1>
      <p>This page hit a problem. Your money and account are not affected.</p>
      <Link to="/">Go to Home</Link>
    </main>
  );
}
