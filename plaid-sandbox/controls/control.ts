/**
 * Emulator-only controls (under /__sandbox): JSON in, JSON out, no Plaid credentials (the sandbox
 * is a local tool). Errors use Plaid's error object too, so one error handler fits both.
 */
import type { Request, Response, RequestHandler } from 'express';
import { z } from 'zod';
import { requestId } from '../ids';
import { PlaidApiError, plaidError } from '../http/plaid-error';
import { parseRequest } from '../http/validation';
import type { Db } from '../store/db';
import { findItem, findItemByAccessToken, type ItemRow, listItemsByClientUser } from '../store/items';

export function control<S extends z.ZodType>(schema: S, handle: (body: z.output<S>, req: Request) => Promise<unknown>): RequestHandler {
  return async (req: Request, res: Response) => {
    try {
      const input = req.method === 'GET' ? { ...req.query } : (req.body ?? {});
      res.json(await handle(parseRequest(schema, input), req));
    } catch (err) {
      const e = err instanceof PlaidApiError ? err : plaidError('INTERNAL_SERVER_ERROR', (err as Error).message);
      res.status(e.status).json(e.toBody(requestId()));
    }
  };
}

/**
 * Controls address an Item by access_token or item_id, or, as a tester knows the customer, by
 * client_user_id (Timely's account id, from the Link token): that customer's newest live Item.
 */
export const itemRef = { access_token: z.string().optional(), item_id: z.string().optional(), client_user_id: z.string().min(1).optional() };

export type ItemRef = { access_token?: string; item_id?: string; client_user_id?: string };

export async function resolveItemRef(db: Db, ref: ItemRef): Promise<ItemRow> {
  if (!ref.access_token && !ref.item_id && !ref.client_user_id)
    throw plaidError('MISSING_FIELDS', 'the following required fields are missing: access_token, item_id or client_user_id');
  let item: ItemRow | undefined;
  if (ref.access_token) item = await findItemByAccessToken(db, ref.access_token);
  else if (ref.item_id) item = await findItem(db, ref.item_id);
  else {
    [item] = await listItemsByClientUser(db, ref.client_user_id!);
    if (!item) throw plaidError('ITEM_NOT_FOUND', `no live Item was linked through the sandbox's Link for client_user_id ${ref.client_user_id}`);
  }
  if (!item) throw plaidError('ITEM_NOT_FOUND');
  if (item.removed_at) throw plaidError('ITEM_NOT_FOUND');
  return item;
}

/** Dollar amounts in control bodies: numbers with at most two decimals. */
export const dollars = z.number().refine((v) => Number.isFinite(v) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most two decimals');
