/** /transfer/create (idempotent on authorization_id), /transfer/get, /transfer/list, /transfer/cancel. */
import { z } from 'zod';
import type { SandboxDeps } from '../../core/deps';
import { itemForAccessToken } from '../../core/resolve-item';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { invalidField, plaidError } from '../../http/plaid-error';
import { accessTokenField, requestSchema } from '../../http/validation';
import { transferId, UUID_SHAPE } from '../../ids';
import { centsFromDecimalString } from '../../money';
import { presentTransfer } from '../../present/transfer';
import { inTransaction } from '../../store/db';
import { findAuthorization, findTransfer, findTransferByAuthorization, insertTransfer, insertTransferEvent, listTransfers, type TransferRow } from '../../store/transfers';
import { applyTransition, canApply } from '../../transfers/lifecycle';
import { notifyTransferEvents } from '../../transfers/notify';

const metadata = z
  .record(z.string().max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 50, 'must have at most 50 keys')
  .nullish();

const createSchema = requestSchema(
  {
    access_token: accessTokenField,
    account_id: z.string().min(1),
    authorization_id: z.string().min(1),
    description: z.string().min(1).max(15),
    amount: z.string().optional(),
    metadata,
    idempotency_key: z.string().max(50).optional(),
  },
  ['type', 'network', 'ach_class', 'user', 'origination_account_id', 'iso_currency_code', 'test_clock_id', 'facilitator_fee'],
);
const getSchema = requestSchema({ transfer_id: z.string().optional(), authorization_id: z.string().optional() }, ['originator_client_id']);
const listSchema = requestSchema(
  { start_date: z.iso.datetime({ offset: true }).nullish(), end_date: z.iso.datetime({ offset: true }).nullish(), count: z.number().int().min(1).max(25).optional(), offset: z.number().int().min(0).optional() },
  ['origination_account_id', 'originator_client_id', 'funding_account_id'],
);
const cancelSchema = requestSchema({ transfer_id: z.string().min(1), reason_code: z.string().optional() }, ['originator_client_id']);

async function transferById(deps: SandboxDeps, id: string): Promise<TransferRow> {
  const t = UUID_SHAPE.test(id) ? await findTransfer(deps.pool, id) : undefined;
  if (!t) throw invalidField('transfer_id', 'does not match any transfer');
  return t;
}

export function transferEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/transfer/create', createSchema, async (body) => {
      const item = await itemForAccessToken(deps.pool, body.access_token);
      const auth = UUID_SHAPE.test(body.authorization_id) ? await findAuthorization(deps.pool, body.authorization_id) : undefined;
      if (!auth || auth.item_id !== item.item_id) throw invalidField('authorization_id', 'does not match any authorization for this access_token');
      if (auth.account_id !== body.account_id) throw invalidField('account_id', 'must be the account_id of the authorization');
      // Idempotent: the same authorization always yields the same transfer, even after it expired.
      const existing = await findTransferByAuthorization(deps.pool, auth.authorization_id);
      if (existing) return { transfer: presentTransfer(existing) };
      if (auth.decision !== 'approved') throw invalidField('authorization_id', `cannot be used: the authorization decision is ${auth.decision}`);
      const now = deps.clock.now();
      if (auth.expires_at <= now) throw invalidField('authorization_id', 'has expired: authorizations are valid for one hour');
      let amountCents = auth.amount_cents;
      if (body.amount !== undefined) {
        const cents = centsFromDecimalString(body.amount);
        if (cents === null || cents <= 0) throw invalidField('amount', 'must be a positive decimal string with at most two decimal places');
        if (cents > auth.amount_cents) throw invalidField('amount', 'cannot exceed the authorized amount');
        amountCents = cents;
      }
      const { transfer, created } = await inTransaction(deps.pool, async (db) => {
        const r = await insertTransfer(db, {
          transfer_id: transferId(),
          authorization_id: auth.authorization_id,
          item_id: item.item_id,
          account_id: auth.account_id,
          type: auth.type,
          network: auth.network,
          ach_class: auth.ach_class,
          amount_cents: amountCents,
          description: body.description,
          iso_currency_code: auth.iso_currency_code,
          user_info: auth.user_info,
          metadata: body.metadata ?? null,
          idempotency_key: body.idempotency_key ?? null,
          status: 'pending',
          failure_code: null,
          failure_description: null,
          bank_transaction_id: null,
          created_at: now,
          status_changed_at: now,
          settled_at: null,
        });
        if (r.created) await insertTransferEvent(db, { transfer_id: r.transfer.transfer_id, event_type: 'pending', occurred_at: now });
        return r;
      });
      if (created) await notifyTransferEvents(deps, [{ itemId: item.item_id, booked: false }]);
      return { transfer: presentTransfer(transfer) };
    }),

    endpoint('/transfer/get', getSchema, async (body) => {
      if (body.transfer_id) return { transfer: presentTransfer(await transferById(deps, body.transfer_id)) };
      if (body.authorization_id) {
        const t = UUID_SHAPE.test(body.authorization_id) ? await findTransferByAuthorization(deps.pool, body.authorization_id) : undefined;
        if (!t) throw invalidField('authorization_id', 'does not match any transfer');
        return { transfer: presentTransfer(t) };
      }
      throw plaidError('MISSING_FIELDS', 'the following required fields are missing: transfer_id or authorization_id');
    }),

    endpoint('/transfer/list', listSchema, async (body) => {
      const rows = await listTransfers(deps.pool, {
        start: body.start_date ? new Date(body.start_date) : null,
        end: body.end_date ? new Date(body.end_date) : null,
        limit: body.count ?? 25,
        offset: body.offset ?? 0,
      });
      return { transfers: rows.map(presentTransfer) };
    }),

    endpoint('/transfer/cancel', cancelSchema, async (body) => {
      await transferById(deps, body.transfer_id);
      const itemId = await inTransaction(deps.pool, async (db) => {
        const t = (await findTransfer(db, body.transfer_id, { lock: 'wait' }))!;
        if (!canApply(t, 'cancelled')) throw plaidError('TRANSFER_NOT_CANCELLABLE');
        await applyTransition(db, t, 'cancelled', deps.clock.now(), { originatorName: deps.originatorName });
        return t.item_id;
      });
      await notifyTransferEvents(deps, [{ itemId, booked: false }]);
      return {};
    }),
  ];
}
