#!/usr/bin/env node
import { handleInterrupts } from '@parapet/io';
import { main } from '../dist/main.js';

// A reader that stops early (`parapet catalog list | head`) closes the pipe: end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// SIGINT / SIGTERM: stop, remove unfinished temporary files, exit 130 / 143 (io fs/interrupt.ts).
handleInterrupts();

main(process.argv).then((code) => {
  process.exitCode = code;
});
