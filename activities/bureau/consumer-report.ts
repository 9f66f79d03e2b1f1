/**
 * The consumer-report step of underwriting. A bureau (Experian, TransUnion, ...) plugs in by
 * implementing ConsumerReportProvider. The local default is deterministic and says so in its name
 * and in every report it returns: it derives a stable score from the account id and raises a flag
 * only on explicit test markers, so tests and demos are repeatable.
 */
import { createHash } from 'node:crypto';

export interface ConsumerReportSubject {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export interface ConsumerReportSummary {
  provider: string;
  score: number | null;
  flags: string[];
}

export interface ConsumerReportProvider {
  readonly name: string;
  fetch(subject: ConsumerReportSubject): Promise<ConsumerReportSummary>;
}

/** Test markers in the email's local part, e.g. `ada+fraud-alert@example.com`. */
const MARKERS: Record<string, string> = { '+fraud-alert': 'FRAUD_ALERT', '+deceased': 'DECEASED', '+ofac': 'OFAC_MATCH' };

export class LocalDeterministicConsumerReportProvider implements ConsumerReportProvider {
  readonly name = 'local-deterministic (not a bureau)';
  async fetch(subject: ConsumerReportSubject): Promise<ConsumerReportSummary> {
    const digest = createHash('sha256').update(subject.id).digest();
    const score = 620 + (digest.readUInt16BE(0) % 181); // 620..800, stable per account
    const local = subject.email.split('@')[0].toLowerCase();
    const flags = Object.entries(MARKERS)
      .filter(([marker]) => local.includes(marker))
      .map(([, flag]) => flag);
    return { provider: this.name, score, flags };
  }
}

let provider: ConsumerReportProvider = new LocalDeterministicConsumerReportProvider();
export const consumerReportProvider = () => provider;
/** Where a real bureau is wired in at start-up. */
export function useConsumerReportProvider(p: ConsumerReportProvider): void {
  provider = p;
}
