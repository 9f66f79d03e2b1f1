/**
 * The Link handshake: /link/token/create, /sandbox/public_token/create (Link skipped, as in
 * Plaid's Sandbox) and /item/public_token/exchange.
 */
import { z } from 'zod';
import { addMsToDate } from '../core/time';
import { type CreatedItem, createItems } from '../core/create-item';
import type { SandboxDeps } from '../core/deps';
import { SANDBOX_INSTITUTIONS } from '../core/institutions';
import { invalidInitialProducts, PRODUCTS } from '../core/products';
import { isoDateTime } from '../clock';
import { endpoint, type Endpoint } from '../http/endpoint';
import { invalidField, plaidError } from '../http/plaid-error';
import { requestSchema, webhookUrl } from '../http/validation';
import { linkToken as newLinkToken, PUBLIC_TOKEN_SHAPE, publicToken as newPublicToken } from '../ids';
import { GOOD_PASSWORD, resolveLogin } from '../scenarios/login';
import { inTransaction } from '../store/db';
import { findItem } from '../store/items';
import { findPublicToken, insertLinkToken, insertPublicToken, markExchanged } from '../store/tokens';
import { itemError, syncUpdatesAvailable } from '../webhooks/bodies';
import type { OutgoingWebhook } from '../webhooks/dispatcher';

export const LINK_TOKEN_TTL_MS = 4 * 3600 * 1000;
export const PUBLIC_TOKEN_TTL_MS = 30 * 60 * 1000;

const product = z.enum(PRODUCTS);

const linkTokenCreate = requestSchema(
  {
    client_name: z.string().min(1),
    language: z.string().min(1),
    country_codes: z.array(z.string()).min(1),
    user: z.looseObject({
      client_user_id: z.string().min(1),
      legal_name: z.string().optional(),
      phone_number: z.string().optional(),
      email_address: z.string().optional(),
      address: z.looseObject({ street: z.string().optional(), city: z.string().optional(), region: z.string().optional(), postal_code: z.string().optional(), country: z.string().optional() }).nullish(),
    }).optional(),
    user_id: z.string().optional(),
    products: z.array(product).optional(),
    webhook: webhookUrl.optional(),
    access_token: z.string().min(1).nullish(),
  },
  ['required_if_supported_products', 'optional_products', 'additional_consented_products', 'access_tokens', 'link_customization_name', 'appearance_mode', 'redirect_uri',
    'android_package_name', 'institution_data', 'card_switch', 'account_filters', 'eu_config', 'institution_id', 'payment_configuration', 'payment_initiation',
    'employment', 'income_verification', 'base_report', 'credit_partner_insights', 'cra_options', 'consumer_report_permissible_purpose', 'auth', 'transfer',
    'update', 'identity_verification', 'statements', 'third_party_user_token', 'investments', 'investments_auth', 'hosted_link', 'transactions',
    'cashflow_report', 'cra_enabled', 'identity', 'financekit_supported', 'enable_multi_item_link', 'user_token'],
);

const sandboxPublicTokenCreate = requestSchema(
  {
    institution_id: z.string().min(1),
    initial_products: z.array(product).min(1),
    options: z
      .looseObject({
        webhook: webhookUrl.optional(),
        override_username: z.string().nullish(),
        override_password: z.string().nullish(),
      })
      .optional(),
  },
  ['user_token', 'user_id'],
);

const publicTokenExchange = requestSchema({ public_token: z.string().min(1) });

/** Webhooks a new Item triggers: the first transactions update, or its error. */
export function newItemWebhooks(created: CreatedItem): OutgoingWebhook[] {
  const { item } = created;
  if (!item.webhook) return [];
  if (item.error_code) return [{ itemId: item.item_id, url: item.webhook, body: itemError(item.item_id, plaidError('ITEM_LOGIN_REQUIRED')) }];
  return item.products.includes('transactions') ? [{ itemId: item.item_id, url: item.webhook, body: syncUpdatesAvailable(item.item_id) }] : [];
}

export function linkEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/link/token/create', linkTokenCreate, async (body) => {
      if (!body.user && !body.user_id) throw plaidError('MISSING_FIELDS', 'the following required fields are missing: user');
      if (!body.access_token && (!body.products || body.products.length === 0))
        throw invalidField('products', 'must contain at least one product unless access_token is set (update mode)');
      const now = deps.clock.now();
      const token = newLinkToken();
      const expires = addMsToDate(now, LINK_TOKEN_TTL_MS);
      const { client_id: _c, secret: _s, ...request } = body;
      await insertLinkToken(deps.pool, {
        link_token: token,
        request,
        webhook: body.webhook ?? null,
        products: body.products ?? [],
        access_token: body.access_token ?? null,
        created_at: now,
        expires_at: expires,
      });
      return { link_token: token, expiration: isoDateTime(expires) };
    }),

    endpoint('/sandbox/public_token/create', sandboxPublicTokenCreate, async (body) => {
      if (!SANDBOX_INSTITUTIONS[body.institution_id]) throw plaidError('INVALID_INSTITUTION');
      const refused = invalidInitialProducts(body.initial_products);
      if (refused.length > 0) throw plaidError('INVALID_PRODUCT', `${refused.join(', ')} cannot be used as an initial product`);
      const login = resolveLogin(body.options?.override_username ?? 'user_good', body.options?.override_password ?? GOOD_PASSWORD);
      const now = deps.clock.now();
      const { created, token } = await inTransaction(deps.pool, async (db) => {
        const [created] = await createItems(db, [{ login, institutionId: body.institution_id, products: body.initial_products, webhook: body.options?.webhook ?? null, history: 'now' }], now);
        const token = newPublicToken();
        await insertPublicToken(db, { public_token: token, item_id: created.item.item_id, created_at: now, expires_at: addMsToDate(now, PUBLIC_TOKEN_TTL_MS) });
        return { created, token };
      });
      await deps.webhooks.sendAll(newItemWebhooks(created));
      return { public_token: token };
    }),

    endpoint('/item/public_token/exchange', publicTokenExchange, async (body) => {
      if (!PUBLIC_TOKEN_SHAPE.test(body.public_token)) throw plaidError('INVALID_PUBLIC_TOKEN');
      const row = await findPublicToken(deps.pool, body.public_token);
      if (!row) throw plaidError('INVALID_PUBLIC_TOKEN');
      const now = deps.clock.now();
      if (row.expires_at <= now)
        throw plaidError('INVALID_PUBLIC_TOKEN', 'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged');
      const item = await findItem(deps.pool, row.item_id);
      if (!item || item.removed_at) throw plaidError('INVALID_PUBLIC_TOKEN');
      // A retried exchange (e.g. a retried activity) gets the same access token back while the public token lives.
      await markExchanged(deps.pool, body.public_token, now);
      return { access_token: item.access_token, item_id: item.item_id };
    }),
  ];
}

