/** /webhook_verification_key/get: the public JWK that verifies the Plaid-Verification JWT of our webhooks. */
import { z } from 'zod';
import type { SandboxDeps } from '../core/deps';
import { endpoint, type Endpoint } from '../http/endpoint';
import { plaidError } from '../http/plaid-error';
import { requestSchema } from '../http/validation';
import { findPublicJwk } from '../webhooks/signer';

const keyGet = requestSchema({ key_id: z.string().min(1) });

export function webhookKeyEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/webhook_verification_key/get', keyGet, async (body) => {
      const key = await findPublicJwk(deps.pool, body.key_id);
      if (!key) throw plaidError('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
      return { key };
    }),
  ];
}
