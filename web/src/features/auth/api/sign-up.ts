/** POST /v1/accounts, then the first code to the new customer's phone. */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { sendCode } from './send-code';

export interface SignUpInput {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
}

export function useSignUp() {
  return useMutation({
    mutationFn: async (input: SignUpInput) => {
      const account = await unwrap(api.POST('/v1/accounts', { body: input }));
      // The server normalises the phone (E.164); send the code to the number it stored.
      return sendCode(account.phone);
    },
  });
}
