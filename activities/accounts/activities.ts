/** The accounts module's activities. */
import { ApplicationFailure } from '@temporalio/common';
import { getPool } from '../../db/pool';
import { getAccount } from './accounts-store';
import { AdvanceTerms, setAdvanceTerms } from './advance-terms';

export interface ApplicantProfile {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export function accountActivities() {
  return {
    async getAccountForApplication(accountId: string): Promise<ApplicantProfile> {
      const a = await getAccount(getPool(), accountId);
      if (!a || a.status !== 'active') throw ApplicationFailure.nonRetryable(`account ${accountId} is ${a?.status ?? 'missing'}`, 'ACCOUNT_NOT_ACTIVE');
      return { id: a.id, firstName: a.firstName, lastName: a.lastName, email: a.email, phone: a.phone };
    },

    async setAdvanceTerms(terms: AdvanceTerms): Promise<void> {
      await setAdvanceTerms(getPool(), terms);
    },
  };
}
