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
import { findItem, findItemByAccessToken, type ItemRow } from '../store/items';

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

/** Controls address an Item by access_token or item_id. */
export const itemRef = { access_token: z.string().optional(), item_id: z.string().optional() };

export async function resolveItemRef(db: Db, ref: { access_token?: string; item_id?: string }): Promise<ItemRow> {
  const item = ref.access_token ? await findItemByAccessToken(db, ref.access_token) : ref.item_id ? await findItem(db, ref.item_id) : undefined;
  if (!ref.access_token && !ref.item_id) throw plaidError('MISSING_FIELDS', 'the following required fields are missing: access_token or item_id');
  if (!item) throw plaidError('ITEM_NOT_FOUND');
  if (item.removed_at) throw plaidError('ITEM_NOT_FOUND');
  return item;
}

/** Dollar amounts in control bodies: numbers with at most two decimals. */
export const dollars = z.number().refine((v) => Number.isFinite(v) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most two decimals');
