/**
 * Preloaded (`node --require`) into every program `npm run dev` starts, so a program never outlives
 * its launcher, even one killed with SIGKILL, which runs no clean-up of its own.
 *
 * The launcher holds the write end of the program's stdin and never writes to it: when the
 * launcher goes away, however it goes, the kernel closes that end and stdin reads end-of-file.
 * The program then stops as if told to (SIGTERM, its own clean shutdown), and exits for good if
 * that takes too long. A poll of the parent pid backs this up should stdin be closed some other way.
 *
 * Plain JavaScript, and only on the main thread: Node hands preloads to worker threads too (the
 * Temporal worker's workflow threads), which load neither TypeScript here nor the process's stdin.
 * Inert unless TIMELY_PARENT_PID is set (only the launcher sets it).
 */
'use strict';
const { isMainThread } = require('node:worker_threads');

const parent = Number(process.env.TIMELY_PARENT_PID);

if (isMainThread && parent > 0) {
  let gone = false;
  const parentGone = () => {
    if (gone) return;
    gone = true;
    setTimeout(() => process.exit(1), 20000).unref();
    process.kill(process.pid, 'SIGTERM');
  };
  const stdin = process.stdin;
  stdin.on('end', parentGone);
  stdin.on('error', parentGone);
  stdin.resume();
  // Watching must not keep a program alive that has finished its work.
  if (typeof stdin.unref === 'function') stdin.unref();
  // Reparented (to init or a subreaper) = the launcher died.
  setInterval(() => {
    if (process.ppid !== parent) parentGone();
  }, 1000).unref();
}
