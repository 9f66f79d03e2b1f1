/**
 * Failures are encrypted too: with encodeCommonAttributes the message and stack trace move into an
 * encoded payload (the codec encrypts it), so an error text that quotes customer data is not
 * readable in a history. Loaded by path (DataConverter.failureConverterPath) in the client, the
 * worker and the workflow bundle, so keep this module free of anything but @temporalio/common.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
