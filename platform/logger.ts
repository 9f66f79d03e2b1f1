/**
 * Structured logs (pino). Reads LOG_LEVEL and TIMELY_SERVICE directly (both declared in
 * platform/config.ts) because the logger must exist before the configuration is validated. Workflow and activity code get loggers carrying the workflow id
 * through Temporal's own logger (see worker/runtime.ts); everything else uses this one,
 * adding `workflowId` as a binding where a request concerns a workflow.
 *
 * Nothing secret may reach a line, whatever object it rides in and however deep: every merge
 * object and child binding is walked by platform/log-redaction.ts before pino serializes it, and
 * the written line is checked once more (pino-http's req/res headers are serialized late).
 */
import pino from 'pino';
import { redactLogLine, redactLogObject } from './log-redaction';

type Sink = (line: string) => void;
const taps = new Set<Sink>();
/** Set while a test taps a logger configured silent: the tap sees lines, stdout stays quiet. */
let stdoutMuted = false;
// Same as pino's default destination (stdout, buffered, flushed on exit), plus test taps.
const stdout = pino.destination({ dest: process.stdout.fd || 1, sync: false });
const destination = {
  write(line: string): void {
    if (!stdoutMuted) stdout.write(line);
    for (const tap of taps) tap(line);
  },
  flush(cb?: (err?: Error) => void): void {
    stdout.flush(cb);
  },
};

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: process.env.TIMELY_SERVICE ?? 'timely' },
    formatters: {
      log: (obj) => redactLogObject(obj),
      bindings: (bindings) => redactLogObject(bindings),
    },
    // Errors are already plain { type, message, stack, ... } (log-redaction.ts); pino's own err
    // serializer would re-read them as error-like and overwrite `type` with "Object".
    serializers: { err: (err: unknown) => err },
    hooks: { streamWrite: redactLogLine },
  },
  destination,
);

export type Logger = typeof logger;

/**
 * For tests: every line written from now on (info and above, even when LOG_LEVEL is silent, as
 * in `npm test`), exactly as written, until stop().
 */
export function tapLogs(): { lines: string[]; text(): string; stop(): void } {
  const lines: string[] = [];
  const tap: Sink = (line) => lines.push(line);
  if (taps.size === 0 && logger.level === 'silent') {
    stdoutMuted = true;
    logger.level = 'info';
  }
  taps.add(tap);
  return {
    lines,
    text: () => lines.join(''),
    stop: () => {
      taps.delete(tap);
      if (taps.size === 0 && stdoutMuted) {
        stdoutMuted = false;
        logger.level = 'silent';
      }
    },
  };
}
