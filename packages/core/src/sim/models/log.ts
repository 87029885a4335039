/**
 * The event log of one run: one record per line in the JSON Lines output. Times are seconds since
 * the scenario start; positions degrees and metres MSL; `fu` is the fire unit's site id, `target`
 * is "<group>#<member>".
 */
export type SimLogEvent =
  | { t: number; type: 'run'; run: number; seed: number; scenario: string }
  | { t: number; type: 'appear'; target: string }
  | { t: number; type: 'detect'; target: string; site: string; radar: string; lon: number; lat: number; altM: number }
  | { t: number; type: 'track'; target: string; site: string; radar: string }
  | { t: number; type: 'track-lost'; target: string }
  | {
      t: number;
      type: 'launch';
      fu: string;
      target: string;
      missile: string;
      n: number;
      tIntercept: number;
      lon: number;
      lat: number;
      altM: number;
    }
  | { t: number; type: 'intercept'; fu: string; target: string; missile: string; result: 'kill' | 'miss' | 'no-target'; lon: number; lat: number; altM: number }
  | { t: number; type: 'reload'; fu: string; count: number }
  | { t: number; type: 'arrive'; target: string };

/** Times in logs are rounded to the millisecond. */
export function logTime(tSec: number): number {
  return Math.round(tSec * 1000) / 1000;
}

/** x rounded to `digits` decimals (for positions in logs). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
