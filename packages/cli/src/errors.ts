/**
 * How the CLI reports failures: a user's mistake as clear lines on stderr and exit 1 (never a
 * stack trace); a bug as one line asking for a report, the trace only with --debug.
 */
import { DemError, formatProblem, InputError, QueueError } from '@parapet/io';
import { EXIT_INTERNAL, EXIT_INVALID_INPUT, EXIT_USAGE } from './exit-codes.js';

/** A mistake on the command line (bad option value, missing argument). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A user-facing failure with a message and no stack trace (e.g. a missing DEM tile). */
export class UserError extends Error {
  override name = 'UserError';
}

export function reportError(e: unknown, debug: boolean): number {
  if (e instanceof InputError) {
    for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
    return EXIT_INVALID_INPUT;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`parapet: ${e.message}\n`);
    return EXIT_USAGE;
  }
  if (e instanceof UserError || e instanceof RangeError || e instanceof DemError || e instanceof QueueError) {
    process.stderr.write(`parapet: ${(e as Error).message}\n`);
    return EXIT_INVALID_INPUT;
  }
  process.stderr.write(`parapet: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.stderr.write(
    debug && e instanceof Error ? `${e.stack}\n` : 'This is a bug in Parapet; please report it with the command you ran (add --debug for the trace).\n',
  );
  return EXIT_INTERNAL;
}
