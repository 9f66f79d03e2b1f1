/**
 * Turns the sandbox credentials (`options.override_username` / `override_password` of
 * /sandbox/public_token/create, or the username and password given to /__sandbox/link/complete)
 * into what the new Item should hold.
 *
 * - Scenario users (see catalog.ts) accept `pass_good`, or a JSON password
 *   `{"seed": "...", "identity": {...}}` to vary the history or set the owners.
 * - `user_custom` takes Plaid's JSON configuration (a subset of UserCustomPassword):
 *   `override_accounts` with balances, meta, transactions and identity, plus `force_error`.
 * Anything else fails like a wrong password at Plaid: INVALID_CREDENTIALS.
 */
import { z } from 'zod';
import { centsFromDollars } from '../money';
import { invalidField, plaidError } from '../http/plaid-error';
import { findScenario, SCENARIOS } from './catalog';
import { ownerFromLoose, type LooseOwner, PLAID_SANDBOX_OWNER } from './identity';
import type { GeneratedAccount, GeneratedItem, Owner } from './types';

export const CUSTOM_USERNAME = 'user_custom';
export const GOOD_PASSWORD = 'pass_good';

const looseOwner = z.looseObject({
  names: z.array(z.string()).optional(),
  emails: z.array(z.union([z.string(), z.looseObject({ data: z.string(), primary: z.boolean().optional(), type: z.string().optional() })])).optional(),
  phone_numbers: z.array(z.union([z.string(), z.looseObject({ data: z.string(), primary: z.boolean().optional(), type: z.string().optional() })])).optional(),
  addresses: z.array(z.looseObject({})).optional(),
});

const scenarioPassword = z.looseObject({ seed: z.string().min(1).optional(), identity: looseOwner.optional() });

const customPassword = z.looseObject({
  seed: z.string().optional(),
  force_error: z.string().optional(),
  override_accounts: z
    .array(
      z.looseObject({
        type: z.enum(['depository', 'credit', 'loan', 'investment', 'other']).default('depository'),
        subtype: z.string().default('checking'),
        starting_balance: z.number().default(0),
        force_available_balance: z.number().nullable().optional(),
        currency: z.string().default('USD'),
        meta: z.looseObject({ name: z.string().optional(), official_name: z.string().optional(), mask: z.string().optional(), limit: z.number().nullable().optional() }).optional(),
        transactions: z
          .array(z.looseObject({ date_transacted: z.iso.date(), date_posted: z.iso.date(), amount: z.number(), description: z.string().min(1), currency: z.string().optional() }))
          .default([]),
        identity: looseOwner.optional(),
      }),
    )
    .optional(),
});

export interface SandboxLogin {
  username: string;
  /** The catalog scenario, or user_custom. */
  scenario: string;
  seed: string;
  loginRequired: boolean;
  /** Owners given in the password, replacing the generated ones. */
  owners?: Owner[];
  custom?: z.output<typeof customPassword>;
}

function parseJson(password: string): unknown {
  try {
    return JSON.parse(password);
  } catch {
    throw plaidError('INVALID_CREDENTIALS');
  }
}

export function resolveLogin(username: string, password: string): SandboxLogin {
  if (username === CUSTOM_USERNAME) {
    const parsed = customPassword.safeParse(parseJson(password));
    if (!parsed.success) throw invalidField('options.override_password', `is not a valid user_custom configuration: ${parsed.error.issues[0].message}`);
    const custom = parsed.data;
    if (custom.force_error === 'INVALID_CREDENTIALS') throw plaidError('INVALID_CREDENTIALS');
    if (custom.force_error !== undefined && custom.force_error !== 'ITEM_LOGIN_REQUIRED')
      throw invalidField('options.override_password', `force_error ${custom.force_error} is not supported by the local sandbox (ITEM_LOGIN_REQUIRED, INVALID_CREDENTIALS are)`);
    return { username, scenario: CUSTOM_USERNAME, seed: custom.seed ?? CUSTOM_USERNAME, loginRequired: custom.force_error === 'ITEM_LOGIN_REQUIRED', custom };
  }
  const scenario = findScenario(username);
  if (!scenario) throw plaidError('INVALID_CREDENTIALS');
  const base = { username, scenario: username, loginRequired: scenario.loginRequired ?? false };
  if (password === GOOD_PASSWORD) return { ...base, seed: username };
  if (!password.trim().startsWith('{')) throw plaidError('INVALID_CREDENTIALS');
  const parsed = scenarioPassword.safeParse(parseJson(password));
  if (!parsed.success) throw plaidError('INVALID_CREDENTIALS');
  return {
    ...base,
    seed: parsed.data.seed ?? username,
    owners: parsed.data.identity ? [ownerFromLoose(parsed.data.identity as LooseOwner)] : undefined,
  };
}

/** The Item's accounts, history and owners, generated against `anchor` (the creation date). */
export function generateForLogin(login: SandboxLogin, anchor: string): GeneratedItem {
  const generated = login.custom ? customItem(login.custom, anchor) : SCENARIOS[login.scenario].generate(login.seed, anchor);
  return login.owners ? { ...generated, owners: login.owners } : generated;
}

function customItem(custom: z.output<typeof customPassword>, anchor: string): GeneratedItem {
  if (!custom.override_accounts || custom.override_accounts.length === 0) return SCENARIOS.user_good.generate(custom.seed ?? CUSTOM_USERNAME, anchor);
  let owners: Owner[] = [PLAID_SANDBOX_OWNER];
  const accounts: GeneratedAccount[] = custom.override_accounts.map((a, i) => {
    if (a.identity) owners = [ownerFromLoose(a.identity as LooseOwner)];
    const txns = a.transactions.map((t) => ({
      date: t.date_posted,
      authorized_date: t.date_transacted,
      amount_cents: centsFromDollars(t.amount),
      name: t.description,
      merchant_name: null,
      payment_channel: 'other' as const,
      pfc_primary: t.amount < 0 ? 'TRANSFER_IN' : 'GENERAL_MERCHANDISE',
      pfc_detailed: t.amount < 0 ? 'TRANSFER_IN_DEPOSIT' : 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
      counterparty_type: null,
      transaction_code: null,
      pending: t.date_posted > anchor,
    }));
    const current = centsFromDollars(a.starting_balance) - txns.filter((t) => !t.pending).reduce((s, t) => s + t.amount_cents, 0);
    return {
      name: a.meta?.name ?? `Plaid ${a.subtype.replace(/^./, (c) => c.toUpperCase())}`,
      official_name: a.meta?.official_name ?? null,
      mask: a.meta?.mask ?? String(i).padStart(4, '0'),
      type: a.type,
      subtype: a.subtype,
      current_cents: current,
      available_cents: a.force_available_balance === undefined || a.force_available_balance === null ? current : centsFromDollars(a.force_available_balance),
      limit_cents: a.meta?.limit === undefined || a.meta.limit === null ? null : centsFromDollars(a.meta.limit),
      transactions: txns.filter((t) => t.date <= anchor || t.pending).sort((x, y) => x.date.localeCompare(y.date)),
    };
  });
  return { accounts, owners };
}

