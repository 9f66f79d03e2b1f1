/**
 * Free text is plain text (issue 12, point 4): one helper (platform/text-field.ts) normalises
 * every text field to NFC and trims it, and refuses control characters, line breaks in
 * single-line fields, bidi overrides and lone surrogates with a 400 naming the field; nothing is
 * written. Rows are counted in this file's own database.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { text } from '../platform/text-field';
import { call, Reply, TestApi, uniqueCustomer } from '../test/support/api';
import { startIsolatedApi, type IsolatedApi } from '../test/support/isolated-api';
import type { RowCounts } from '../test/support/row-counts';

// BEL, backspace, ESC sequence, newline, VT, CR, tab, DEL, C1 (CSI, NEL), U+2028, RLO.
const CONTROL = ['a\u0007b', 'a\bb', 'a\u001b[31mb', 'a\nb', 'a\u000bb', 'a\rb', 'a\tb', 'a\u007fb', 'a\u009bb', 'a\u0085b', 'a\u2028b', 'a\u202eb'];

describe('the text helper', () => {
  const single = text({ max: 10 });
  const notes = text({ max: 20, multiline: true });

  it('normalises to NFC and trims before measuring', () => {
    expect(single.parse('  Ade\u0301  ')).toBe('Ad\u00e9');
    expect(single.parse(' '.repeat(50) + 'abcdefghij')).toBe('abcdefghij');
    expect(single.safeParse('abcdefghijk').error?.issues[0].message).toBe('must be at most 10 characters');
    expect(single.safeParse('   ').error?.issues[0].message).toBe('is required');
    expect(single.safeParse(undefined).error?.issues[0].message).toBe('is required');
    expect(single.safeParse(42).error?.issues[0].message).toBe('must be a string');
  });

  it.each(CONTROL)('refuses %j in a single-line field', (v) => {
    expect(single.safeParse(v).error?.issues[0].message).toMatch(/control characters/);
  });

  it('refuses lone surrogates, keeps surrogate pairs', () => {
    expect(single.safeParse('\ud800x').error?.issues[0].message).toMatch(/lone surrogate/);
    expect(single.safeParse('x\udc00').error?.issues[0].message).toMatch(/lone surrogate/);
    expect(single.parse('😀 ok')).toBe('😀 ok');
  });

  it('lets notes have lines and tabs (CRLF stored as LF), still no other control characters', () => {
    expect(notes.parse(' one\r\ntwo\tthree ')).toBe('one\ntwo\tthree');
    for (const v of ['a\u2028b', 'a\u0007b', 'a\u001b[2Jb', 'a\u007fb', 'a\u0085b', 'a\u202eb']) expect(notes.safeParse(v).success).toBe(false);
  });
});

describe('over HTTP', () => {
  let api: TestApi;
  let db: Pool;
  let staff: string;
  let customer: { accountId: string; token: string };
  /** Row counts of every module's tables: what "nothing written" means (test/support/row-counts.ts). */
  let rowCounts: () => Promise<RowCounts>;

  let env: IsolatedApi;
  beforeAll(async () => {
    env = await startIsolatedApi('text_fields');
    ({ api, db, staff, customer, rowCounts } = env);
  });
  afterAll(() => env.close());


  function expect400(r: Reply, field: string): void {
    expect({ status: r.status, contentType: r.contentType }).toEqual({ status: 400, contentType: expect.stringContaining('application/problem+json') });
    expect(r.body.errors).toEqual([expect.objectContaining({ field, message: expect.any(String) })]);
  }

  it('control characters in names, emails, notes and search: 400 naming the field, nothing written', async () => {
    const before = await rowCounts();
    const account = (await db.query('SELECT * FROM accounts.accounts WHERE id = $1', [customer.accountId])).rows;
    for (const v of CONTROL) {
      expect400(await call(api, 'POST', '/v1/accounts', { body: { ...uniqueCustomer(), firstName: v } }), 'firstName');
      expect400(await call(api, 'PATCH', '/v1/me', { token: customer.token, body: { lastName: v } }), 'lastName');
      expect400(await call(api, 'PATCH', '/v1/me', { token: customer.token, body: { email: `${v}@example.com` } }), 'email');
      expect400(await call(api, 'GET', `/v1/admin/accounts?q=${encodeURIComponent(v)}`, { token: staff }), 'query.q');
      if (v !== 'a\nb' && v !== 'a\tb')
        expect400(await call(api, 'POST', `/v1/admin/transfers/${randomUUID()}/retry`, { token: staff, body: { note: v } }), 'note');
    }
    expect400(await call(api, 'PATCH', '/v1/me', { token: customer.token, body: { firstName: 'x'.repeat(101) } }), 'firstName');
    expect400(await call(api, 'POST', `/v1/admin/transfers/${randomUUID()}/retry`, { token: staff, body: { note: 'x'.repeat(501) } }), 'note');
    expect400(await call(api, 'POST', `/v1/admin/transfers/${randomUUID()}/retry`, { token: staff, body: {} }), 'note');
    expect(await rowCounts()).toEqual(before);
    expect((await db.query('SELECT * FROM accounts.accounts WHERE id = $1', [customer.accountId])).rows).toEqual(account);
  });

  it('names are stored NFC and trimmed; a note may have several lines', async () => {
    const r = await call(api, 'PATCH', '/v1/me', { token: customer.token, body: { firstName: '  Rene\u0301e ', lastName: '\u00a0Zoe\u0308\u00a0' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ firstName: 'Ren\u00e9e', lastName: 'Zo\u00eb' });
    const row = (await db.query('SELECT first_name, last_name FROM accounts.accounts WHERE id = $1', [customer.accountId])).rows[0];
    expect(row).toEqual({ first_name: 'Ren\u00e9e', last_name: 'Zo\u00eb' });
    // Past validation: an unknown transfer is a 404, not a 400 on the note.
    expect((await call(api, 'POST', `/v1/admin/transfers/${randomUUID()}/retry`, { token: staff, body: { note: 'Called the customer.\nThey agreed.' } })).status).toBe(404);
  });
});
