/** The `parapet` command: one file per subcommand under commands/, registered here. */
import { Command, CommanderError } from 'commander';
import { registerCatalog } from './commands/catalog.js';
import { registerCompare } from './commands/compare.js';
import { registerCoverage } from './commands/coverage.js';
import { registerDem } from './commands/dem.js';
import { registerDemo } from './commands/demo.js';
import { registerSensitivity } from './commands/sensitivity.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerValidate } from './commands/validate.js';
import { registerExplain } from './commands/explain.js';
import { registerReport } from './commands/report-command.js';
import { registerVcd } from './commands/vcd.js';
import { registerWorker } from './commands/worker.js';
import { reportError } from './errors.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('parapet')
    .description('Air-defense coverage and raid analysis from public information (analysis and education only)')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program);
  registerValidate(program);
  registerCoverage(program);
  registerCompare(program);
  registerCatalog(program);
  registerSimulate(program);
  registerSensitivity(program);
  registerVcd(program);
  registerExplain(program);
  registerReport(program);
  registerServe(program);
  registerDem(program);
  registerWorker(program);
  return program;
}

/** Runs the CLI and resolves to the exit code (the process is not exited here, for tests). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    return reportError(e, program.opts().debug === true);
  }
}
