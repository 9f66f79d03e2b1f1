/** Date arithmetic on the sandbox clock's Dates. */
export const addMsToDate = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
