/**
 * Controls over the sandbox bank's books: set balances, add, post, modify and remove
 * transactions. Transaction changes move balances (unless adjust_balance is false) and send the
 * Item's SYNC_UPDATES_AVAILABLE webhook, as new data at Plaid does.
 */
import { Router } from 'express';
import { z } from 'zod';
import { amend, book, postPending, unbook } from '../core/bank-ledger';
import type { SandboxDeps } from '../core/deps';
import { plaidError } from '../http/plaid-error';
import { centsFromDollars, dollarsFromCents } from '../money';
import { type AccountRow, findAccount, listAccounts, setBalances } from '../store/accounts';
import { inTransaction } from '../store/db';
import { findItem, type ItemRow } from '../store/items';
import { findTransaction } from '../store/transactions';
import { ensureHistory } from '../core/create-item';
import { syncUpdatesAvailable } from '../webhooks/bodies';
import { classify, TRANSACTION_KINDS } from '../core/transaction-kinds';
import { control, dollars, type ItemRef, itemRef, resolveItemRef } from './control';

const date = z.iso.date();

async function notifySync(deps: SandboxDeps, item: ItemRow): Promise<void> {
  if (item.webhook && item.products.includes('transactions'))
    await deps.webhooks.send({ itemId: item.item_id, url: item.webhook, body: syncUpdatesAvailable(item.item_id) });
}

async function liveTransaction(deps: SandboxDeps, id: string) {
  const t = await findTransaction(deps.pool, id);
  if (!t || t.removed_seq !== null) throw plaidError('INVALID_FIELD', `transaction_id ${id} is not a live transaction`);
  const item = await findItem(deps.pool, t.item_id);
  return { t, item: item! };
}

/**
 * The account a control means: `account_id` (which must belong to the Item when one is named too),
 * else the named Item's first account.
 */
async function accountFor(deps: SandboxDeps, ref: ItemRef & { account_id?: string }): Promise<AccountRow> {
  const named = ref.access_token !== undefined || ref.item_id !== undefined || ref.client_user_id !== undefined;
  if (!named) {
    if (!ref.account_id) throw plaidError('MISSING_FIELDS', 'the following required fields are missing: account_id, client_user_id, item_id or access_token');
    const account = await findAccount(deps.pool, ref.account_id);
    if (!account) throw plaidError('INVALID_ACCOUNT_ID');
    return account;
  }
  const item = await resolveItemRef(deps.pool, ref);
  const accounts = await listAccounts(deps.pool, item.item_id);
  const account = ref.account_id ? accounts.find((a) => a.account_id === ref.account_id) : accounts[0];
  if (!account) throw plaidError('INVALID_ACCOUNT_ID');
  return account;
}

export function bankControls(deps: SandboxDeps): Router {
  const r = Router();

  /**
   * Sets balances. The account: `account_id`, or an Item's first account (the one the customer
   * shared in Link) by `client_user_id`, `item_id` or `access_token`.
   */
  r.post(
    '/accounts/balance',
    control(z.strictObject({ ...itemRef, account_id: z.string().optional(), available: dollars.nullish(), current: dollars.nullish(), limit: dollars.nullish() }), async (body) => {
      const account = await accountFor(deps, body);
      const cents = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : centsFromDollars(v));
      await setBalances(deps.pool, account.account_id, { available: cents(body.available), current: cents(body.current), limit: cents(body.limit) });
      const after = (await findAccount(deps.pool, account.account_id))!;
      return {
        item_id: after.item_id,
        account_id: after.account_id,
        balances: { available: dollarsFromCents(after.available_cents), current: dollarsFromCents(after.current_cents), limit: dollarsFromCents(after.limit_cents) },
      };
    }),
  );

  r.post(
    '/transactions/add',
    control(
      z.strictObject({
        ...itemRef,
        account_id: z.string().optional(),
        adjust_balance: z.boolean().default(true),
        transactions: z
          .array(
            z.strictObject({
              amount: dollars,
              name: z.string().min(1).optional(),
              kind: z.enum(TRANSACTION_KINDS).optional(),
              date: date.optional(),
              merchant_name: z.string().nullish(),
              pending: z.boolean().default(false),
              payment_channel: z.enum(['online', 'in store', 'other']).optional(),
              personal_finance_category: z.strictObject({ primary: z.string(), detailed: z.string() }).optional(),
            }),
          )
          .min(1)
          .max(5000),
      }),
      async (body) => {
        const account = await accountFor(deps, body);
        const item = (await findItem(deps.pool, account.item_id))!;
        const now = deps.clock.now();
        const ids = await inTransaction(deps.pool, async (db) => {
          await ensureHistory(db, item.item_id); // new data comes after the history, never instead of it
          const out: string[] = [];
          for (const t of body.transactions) {
            const entry = await classify(db, account.account_id, { ...t, amount_cents: centsFromDollars(t.amount) });
            out.push(
              await book(
                db,
                item.item_id,
                account.account_id,
                { ...entry, date: t.date, pending: t.pending, payment_channel: t.payment_channel ?? entry.payment_channel },
                now,
                { adjustBalance: body.adjust_balance },
              ),
            );
          }
          return out;
        });
        await notifySync(deps, item);
        return { item_id: item.item_id, account_id: account.account_id, transaction_ids: ids };
      },
    ),
  );

  r.post(
    '/transactions/post',
    control(z.strictObject({ transaction_id: z.string(), amount: dollars.optional(), date: date.optional() }), async (body) => {
      const { t, item } = await liveTransaction(deps, body.transaction_id);
      if (!t.pending) throw plaidError('INVALID_FIELD', 'transaction_id is not pending');
      const posted = await inTransaction(deps.pool, (db) =>
        postPending(db, t.transaction_id, deps.clock.now(), { amount_cents: body.amount === undefined ? undefined : centsFromDollars(body.amount), date: body.date }),
      );
      await notifySync(deps, item);
      return { removed_transaction_id: t.transaction_id, transaction_id: posted };
    }),
  );

  r.post(
    '/transactions/modify',
    control(z.strictObject({ transaction_id: z.string(), amount: dollars.optional(), name: z.string().min(1).optional(), date: date.optional(), adjust_balance: z.boolean().default(true) }), async (body) => {
      const { t, item } = await liveTransaction(deps, body.transaction_id);
      await inTransaction(deps.pool, (db) =>
        amend(db, t, { amount_cents: body.amount === undefined ? undefined : centsFromDollars(body.amount), name: body.name, date: body.date }, { adjustBalance: body.adjust_balance }),
      );
      await notifySync(deps, item);
      return { transaction_id: t.transaction_id };
    }),
  );

  r.post(
    '/transactions/remove',
    control(z.strictObject({ transaction_id: z.string(), adjust_balance: z.boolean().default(true) }), async (body) => {
      const { t, item } = await liveTransaction(deps, body.transaction_id);
      await inTransaction(deps.pool, (db) => unbook(db, t, { adjustBalance: body.adjust_balance }));
      await notifySync(deps, item);
      return { transaction_id: t.transaction_id, removed: true };
    }),
  );

  return r;
}
