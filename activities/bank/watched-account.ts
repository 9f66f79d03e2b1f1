/** The one account Timely watches for a customer: checking if there is one, else the first depository account. */
export function watchedAccount<A extends { type: string; subtype: string | null }>(accounts: readonly A[]): A | undefined {
  return accounts.find((a) => a.type === 'depository' && a.subtype === 'checking') ?? accounts.find((a) => a.type === 'depository');
}
