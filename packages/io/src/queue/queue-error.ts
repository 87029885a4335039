/**
 * A problem with the job queue the user can fix: a malformed `--queue` URL, a Redis server that
 * cannot be reached, no worker taking the blocks, a block that failed on every attempt. The CLI
 * prints the message without a stack trace and exits 1.
 */
export class QueueError extends Error {
  override name = 'QueueError';
}
