/** Access token -> Item, with Plaid's errors for unknown, removed and broken Items. */
import { ACCESS_TOKEN_SHAPE } from '../ids';
import { plaidError, type PlaidErrorCode } from '../http/plaid-error';
import type { Db } from '../store/db';
import { findItemByAccessToken, type ItemRow } from '../store/items';

export async function itemForAccessToken(db: Db, accessToken: string): Promise<ItemRow> {
  if (!ACCESS_TOKEN_SHAPE.test(accessToken)) throw plaidError('INVALID_ACCESS_TOKEN');
  const item = await findItemByAccessToken(db, accessToken);
  if (!item) throw plaidError('INVALID_ACCESS_TOKEN');
  if (item.removed_at) throw plaidError('ITEM_NOT_FOUND');
  return item;
}

/** For product data calls: an Item in an error state answers with that error (ITEM_LOGIN_REQUIRED). */
export async function healthyItemForAccessToken(db: Db, accessToken: string): Promise<ItemRow> {
  const item = await itemForAccessToken(db, accessToken);
  if (item.error_code) throw plaidError(item.error_code as PlaidErrorCode);
  return item;
}
