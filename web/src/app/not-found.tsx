import { Link } from 'react-router';

export function NotFound() {
  return (
    <main style={{ maxWidth: 480, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/">Go to Home</Link>
    </main>
  );
}
