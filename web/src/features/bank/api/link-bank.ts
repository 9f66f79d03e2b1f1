/**
 * Linking through Plaid Link: a Link token from the API, Link in the page, then the public token
 * back to the API, which exchanges it and keeps the access token on the server. In update mode
 * (the bank wants the customer to sign in again) the same page re-links the existing Item.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { openPlaidLink, type LinkOutcome } from '@/lib/plaid-link';

export type LinkResult = { linked: true } | { linked: false; message: string | null };


async function runLink(update: boolean): Promise<LinkResult> {
  const token = await unwrap(api.POST('/v1/bank/link-token', { body: update ? { update: true } : {} }));
  const outcome: LinkOutcome = await openPlaidLink(token.scriptUrl, token.linkToken);
  if (outcome.kind === 'exit') return { linked: false, message: outcome.error?.display_message ?? null };
  if (update) await unwrap(api.POST('/v1/bank/login-repaired'));
  else await unwrap(api.POST('/v1/bank/link', { body: { publicToken: outcome.publicToken } }));
  return { linked: true };
}

export function useLinkBank() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update }: { update: boolean }) => runLink(update),
    onSuccess: async (r) => {
      if (r.linked) await queryClient.invalidateQueries();
    },
  });
}
