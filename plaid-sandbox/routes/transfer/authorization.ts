/** /transfer/authorization/create: the Sandbox's risk decision (transfers/decision.ts), expiring after 1 hour, idempotent by key. */
import { z } from 'zod';
import type { SandboxDeps } from '../../core/deps';
import { itemForAccessToken } from '../../core/resolve-item';
import { addMsToDate } from '../../core/time';
import { endpoint, type Endpoint } from '../../http/endpoint';
import { invalidField, plaidError } from '../../http/plaid-error';
import { accessTokenField, requestSchema } from '../../http/validation';
import { transferId } from '../../ids';
import { centsFromDecimalString } from '../../money';
import { presentAuthorization } from '../../present/transfer';
import { findAccount } from '../../store/accounts';
import { findAuthorizationByKey, insertAuthorization, type TransferUser } from '../../store/transfers';
import { decideAuthorization } from '../../transfers/decision';

export const AUTHORIZATION_TTL_MS = 3600 * 1000;

/** Network maxima (plaid.com/docs/errors/transfer/#transfer_network_limit_exceeded). */
const NETWORK_LIMIT_CENTS: Record<string, number> = { ach: 10_000_000_00, 'same-day-ach': 1_000_000_00, rtp: 1_000_000_00, wire: 999_999_99 };

const address = z.looseObject({ street: z.string().optional(), city: z.string().optional(), region: z.string().optional(), postal_code: z.string().optional(), country: z.string().optional() });

const schema = requestSchema(
  {
    access_token: accessTokenField,
    account_id: z.string().min(1),
    type: z.enum(['debit', 'credit']),
    network: z.enum(['ach', 'same-day-ach', 'rtp', 'wire']),
    amount: z.string().min(1),
    ach_class: z.enum(['ccd', 'ppd', 'tel', 'web']).optional(),
    user: z.looseObject({ legal_name: z.string().min(1), phone_number: z.string().optional(), email_address: z.string().optional(), address: address.optional() }),
    iso_currency_code: z.string().optional(),
    idempotency_key: z.string().max(50).nullish(),
  },
  ['funding_account_id', 'ledger_id', 'payment_profile_token', 'wire_details', 'device', 'origination_account_id', 'user_present', 'with_guarantee',
    'request_guarantee', 'beacon_session_id', 'originator_client_id', 'credit_funds_source', 'test_clock_id', 'ruleset_key', 'custom_attributes'],
);

export function userInResponse(u: z.output<typeof schema>['user']): TransferUser {
  return {
    legal_name: u.legal_name,
    phone_number: u.phone_number ?? null,
    email_address: u.email_address ?? null,
    address: u.address
      ? { street: u.address.street ?? null, city: u.address.city ?? null, region: u.address.region ?? null, postal_code: u.address.postal_code ?? null, country: u.address.country ?? null }
      : null,
  };
}

export function authorizationEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/transfer/authorization/create', schema, async (body) => {
      // A retried request with the same idempotency key gets the original decision back.
      if (body.idempotency_key) {
        const prior = await findAuthorizationByKey(deps.pool, body.idempotency_key);
        if (prior) return { authorization: presentAuthorization(prior) };
      }
      const item = await itemForAccessToken(deps.pool, body.access_token);
      const account = await findAccount(deps.pool, body.account_id);
      if (!account || account.item_id !== item.item_id) throw plaidError('INVALID_ACCOUNT_ID');
      if (account.type !== 'depository' || !['checking', 'savings', 'cash management'].includes(account.subtype ?? ''))
        throw plaidError('TRANSFER_UNSUPPORTED_ACCOUNT_TYPE');
      const amountCents = centsFromDecimalString(body.amount);
      if (amountCents === null || amountCents <= 0) throw invalidField('amount', 'must be a positive decimal string with at most two decimal places, e.g. "10.00"');
      if (amountCents > NETWORK_LIMIT_CENTS[body.network]) throw plaidError('TRANSFER_NETWORK_LIMIT_EXCEEDED', `${body.network} transaction amount cannot exceed the network limit`);
      if ((body.network === 'ach' || body.network === 'same-day-ach') && !body.ach_class) throw invalidField('ach_class', 'is required for ACH transfers');
      if (body.iso_currency_code && body.iso_currency_code !== 'USD') throw invalidField('iso_currency_code', 'must be USD');

      const available = account.available_cents ?? account.current_cents;
      const outcome = decideAuthorization({ type: body.type, amountCents, availableCents: available, loginRequired: item.error_code === 'ITEM_LOGIN_REQUIRED' });
      const now = deps.clock.now();
      const stored = await insertAuthorization(deps.pool, {
        authorization_id: transferId(),
        item_id: item.item_id,
        account_id: account.account_id,
        type: body.type,
        network: body.network,
        ach_class: body.ach_class ?? null,
        amount_cents: amountCents,
        iso_currency_code: 'USD',
        user_info: userInResponse(body.user),
        decision: outcome.decision,
        rationale_code: outcome.rationale?.code ?? null,
        rationale_description: outcome.rationale?.description ?? null,
        available_cents_seen: available,
        idempotency_key: body.idempotency_key ?? null,
        created_at: now,
        expires_at: addMsToDate(now, AUTHORIZATION_TTL_MS),
      });
      return { authorization: presentAuthorization(stored) };
    }),
  ];
}
