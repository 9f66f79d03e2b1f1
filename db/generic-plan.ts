/**
 * A named statement run with PostgreSQL's generic plan: planned once per connection, not at every
 * execution. PostgreSQL plans a prepared statement afresh (a custom plan) for its first five
 * executions on a connection before it weighs the generic one; the pool's connections run a
 * sweep's set-based reads only a few times each per sweep, so nearly every execution paid the
 * planner: 14 ms for transfers' advance states, three times what it takes to run (issue 15).
 * Only for statements whose best plan does not depend on the values (ids in an
 * array): their generic plan is the custom one. SET LOCAL keeps the mode to this transaction.
 */
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { withTransaction } from './pool';

export interface NamedQuery {
  /** One name per statement text: each connection prepares it under this name. */
  name: string;
  text: string;
  values: unknown[];
}

export function queryWithGenericPlan<R extends QueryResultRow>(pool: Pool, query: NamedQuery): Promise<QueryResult<R>> {
  // The mode is set with the BEGIN, in the same round trip: three per read, not four.
  return withTransaction((c) => c.query<R>(query), pool, 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan');
}
