/**
 * A problem with a DEM file or tile cache: names the file and what is wrong. The CLI prints the
 * message without a stack trace (it is a plain Error subclass recognised by its name, and an
 * InputError-style one-liner).
 */
export class DemError extends Error {
  override name = 'DemError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
