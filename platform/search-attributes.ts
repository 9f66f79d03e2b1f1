/**
 * Custom search attributes, so operators can filter runs in the Temporal UI
 * (e.g. `AccountId = "..." AND TimelyStatus = "needs_attention"`). The dev server registers them at
 * start (scripts/temporal-dev-server.ts); a cluster registers them once with
 * `temporal operator search-attribute create` (see README), and the worker checks they exist.
 * Pure data: imported by workflows too.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const AccountIdKey = defineSearchAttributeKey('AccountId', SearchAttributeType.KEYWORD);
export const TimelyStatusKey = defineSearchAttributeKey('TimelyStatus', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = { AccountId: 'Keyword', TimelyStatus: 'Keyword' } as const;
