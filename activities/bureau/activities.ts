/** The bureau module's activities. */
import { consumerReportProvider, ConsumerReportSubject, ConsumerReportSummary } from './consumer-report';

export function bureauActivities() {
  return {
    async fetchConsumerReport(subject: ConsumerReportSubject): Promise<ConsumerReportSummary> {
      return consumerReportProvider().fetch(subject);
    },
  };
}
