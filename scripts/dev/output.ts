/**
 * The launcher's own output, which may close under it: `npm run dev | head -1`, or `| tee dev.log`
 * when Ctrl-C kills tee too. A write to a closed pipe fails with EPIPE as an 'error' event, which,
 * unhandled, killed the launcher before it had stopped its children. Here such a stream just goes
 * quiet, and the launcher is told once (it stops: nobody reads it any more).
 */
export interface LauncherOutput {
  /** a line to stdout (the children's lines, the URLs) */
  out(line: string): void;
  /** a line to stderr (problems), or to stdout if stderr is closed */
  err(line: string): void;
}

export function launcherOutput(onStdoutClosed: (code: string) => void): LauncherOutput {
  let outOpen = true;
  let errOpen = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (!outOpen) return;
    outOpen = false;
    onStdoutClosed(e.code ?? 'error');
  });
  process.stderr.on('error', () => {
    errOpen = false;
  });
  const write = (stream: NodeJS.WriteStream, line: string) => {
    try {
      stream.write(`${line}\n`);
    } catch {
      // a synchronous EPIPE on some platforms; the 'error' handler above marks the stream closed
    }
  };
  return {
    out: (line) => outOpen && write(process.stdout, line),
    err: (line) => (errOpen ? write(process.stderr, line) : outOpen && write(process.stdout, line)),
  };
}
