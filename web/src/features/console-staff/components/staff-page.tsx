import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { ApiError, errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useCreateStaff, useStaffAction, useStaffList } from '../api/staff';

/**
 * Operators manage staff: add a member (who scans the QR code at their first sign-in), disable one
 * (their sessions end at once), or reset a lost authenticator.
 */
export function StaffPage() {
  const list = useStaffList();
  const create = useCreateStaff();
  const action = useStaffAction();
  const [form, setForm] = useState({ email: '', password: '', role: 'support' as 'support' | 'operator' });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form, { onSuccess: () => setForm({ email: '', password: '', role: 'support' }) });
  };

  return (
    <>
      <h1>Staff</h1>
      <Card title="Add a staff member">
        {create.isSuccess && (
          <Alert tone="success" title={`${create.data.email} was added`}>
            They sign in at /console with this email and password; their first sign-in shows the QR code for their authenticator app.
          </Alert>
        )}
        {create.error && !Object.keys(fieldErrors).length && <Alert tone="error">{errorMessage(create.error)}</Alert>}
        <form onSubmit={submit} noValidate>
          <Field label="Work email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} error={fieldErrors.email} autoComplete="off" />
          <Field label="Temporary password" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} error={fieldErrors.password} autoComplete="new-password" />
          <fieldset style={{ border: 'none', padding: 0, margin: '0 0 1rem' }}>
            <legend style={{ fontWeight: 600 }}>Role</legend>
            {(['support', 'operator'] as const).map((r) => (
              <label key={r} style={{ marginRight: '1.25rem' }}>
                <input type="radio" name="role" value={r} checked={form.role === r} onChange={() => setForm({ ...form, role: r })} /> {r}
              </label>
            ))}
          </fieldset>
          <Button type="submit" busy={create.isPending}>
            Add member
          </Button>
        </form>
      </Card>
      {action.error && <Alert tone="error">{errorMessage(action.error)}</Alert>}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <Alert tone="error">{errorMessage(list.error)}</Alert>
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="Staff">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Authenticator</th>
                <th scope="col">Since</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{m.email}</td>
                  <td>{m.role}</td>
                  <td>{m.disabledAt ? <span className={`${table.badge} ${table.danger}`}>disabled</span> : m.totpEnrolled ? 'enrolled' : 'not yet'}</td>
                  <td>{dateTime(m.createdAt)}</td>
                  <td>
                    {!m.disabledAt && (
                      <>
                        <Button variant="link" onClick={() => action.mutate({ id: m.id, action: 'reset-totp' })}>
                          Reset authenticator<span className="visually-hidden"> of {m.email}</span>
                        </Button>{' '}
                        <Button variant="link" onClick={() => action.mutate({ id: m.id, action: 'disable' })}>
                          Disable<span className="visually-hidden"> {m.email}</span>
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
