import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useAccountSearch } from '../api/accounts';
import styles from './accounts.module.css';

/** Find a customer by name, email or phone; the search is in the address, so it survives a reload. */
export function AccountsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const search = useAccountSearch(q);
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };

  return (
    <>
      <h1>Accounts</h1>
      <form className={styles.search} onSubmit={submit} role="search">
        <Field label="Search by name, email or phone" name="q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="submit">Search</Button>
      </form>
      {search.error && <Alert tone="error">{errorMessage(search.error)}</Alert>}
      {search.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>No account matches.</p>
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="Accounts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Status</th>
                <th scope="col">Signed up</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/console/accounts/${a.id}`}>
                      {a.firstName} {a.lastName}
                    </Link>
                  </td>
                  <td>{a.email}</td>
                  <td className="tabular">{a.phone}</td>
                  <td>{a.status.replace(/_/g, ' ')}</td>
                  <td>{dateTime(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {search.hasNextPage && (
            <div className={table.more}>
              <Button variant="secondary" onClick={() => search.fetchNextPage()} busy={search.isFetchingNextPage}>
                Show more
              </Button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
