/**
 * Progress on stderr: a cli-progress bar when stderr is a terminal, nothing otherwise (CI logs,
 * pipes and --json stay clean).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(label: string, done: number, total: number): void;
  stop(): void;
}

export function makeProgress(enabled: boolean = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{label} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = '';
  return {
    update(label, done, total) {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
        current = label;
      } else if (label !== current) {
        bar.setTotal(total);
        current = label;
      }
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
