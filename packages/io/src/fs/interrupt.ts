/**
 * What an interrupted `parapet` does (SIGINT from Ctrl+C, SIGTERM from a supervisor or `kill`):
 * it stops, leaves no temporary files behind and exits with 128 + the signal's number (130, 143).
 * Every output file is written atomically (fs/atomic-write.ts), so each file in an output folder
 * is then either the previous run's or this run's, whole; a run stopped half-way leaves the files
 * it finished and none of the ones it was writing.
 *
 * Default handling: terminate the worker threads (so none is left writing), remove this process's
 * temporary files from every folder it wrote to, print one line on stderr, exit. A long-running
 * command installs its own stop with `onInterrupt` (`parapet serve`), or listens for the signal
 * itself (`parapet worker`, `dem fetch`: then this handling stands aside). A second signal while
 * stopping exits at once, after removing the temporary files.
 */
import { closePools } from '../pipeline/worker-pool.js';
import { removeTempFiles } from './atomic-write.js';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** Exit code of a process stopped by `signal`: 128 + its number (POSIX shells' convention). */
export function interruptExitCode(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** A command's own stop: resolves with the exit code. */
export type InterruptHandler = (signal: InterruptSignal) => Promise<number>;

let installed = false;
let handler: InterruptHandler | undefined;
let stopping = false;

/** Replaces the default stop by `h` (undefined: back to the default). */
export function onInterrupt(h: InterruptHandler | undefined): void {
  handler = h;
}

async function stop(signal: InterruptSignal): Promise<void> {
  // A command listening for the signal itself (`parapet worker`, `dem fetch`) stops in its own way.
  if (!handler && process.listenerCount(signal) > 1) return;
  if (stopping) {
    removeTempFiles();
    process.exit(interruptExitCode(signal));
  }
  stopping = true;
  let code = interruptExitCode(signal);
  try {
    if (handler) code = await handler(signal);
    else {
      process.stderr.write(`\nparapet: interrupted (${signal}); stopping\n`);
      await closePools();
    }
  } finally {
    const removed = removeTempFiles();
    if (!handler && removed.length > 0)
      process.stderr.write(`parapet: removed ${removed.length} unfinished temporary file${removed.length === 1 ? '' : 's'}\n`);
    process.exit(code);
  }
}

/** Installs the SIGINT / SIGTERM handling of the `parapet` process (once; the CLI's entry point calls it). */
export function handleInterrupts(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
}
