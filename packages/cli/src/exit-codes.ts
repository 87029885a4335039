/** Exit codes of the parapet command. */
export const EXIT_OK = 0;
/** The input (scenario, DEM, catalog id) is invalid. */
export const EXIT_INVALID_INPUT = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;
/** A bug or an environment failure. */
export const EXIT_INTERNAL = 3;
