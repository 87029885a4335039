/**
 * Brute-force exact line of sight on a planar DEM, the reference the fast kernels are checked
 * against (R3 in Franklin & Ray, 1994): the segment from the observer node to the target node is
 * intersected with every grid line it crosses; at each crossing the terrain height is
 * interpolated linearly between the two nodes on that line, and the point is tested against the
 * straight chord from antenna to target in the vertical plane of the path, on a sphere of radius
 * a_e (points (ρ·sin φ, ρ·cos φ) with ρ = a_e + height, φ = ground range / a_e). O(N) per target,
 * so for tests and benchmark samples only.
 */
import type { ElevationGrid } from '../terrain/elevation-grid.js';

export interface LosQuery {
  dem: ElevationGrid;
  observerCol: number;
  observerRow: number;
  antennaMslM: number;
  earthRadiusM: number;
}

/** Calls `visit(height, fractionAlongPath)` at every grid-line crossing strictly between the two nodes. */
function forEachCrossing(q: LosQuery, col: number, row: number, visit: (z: number, lambda: number) => void): void {
  const g = q.dem;
  const h = g.heightsM;
  const w = g.width;
  const dc = col - q.observerCol;
  const dr = row - q.observerRow;
  // Column lines x = c for c strictly between.
  const cStep = dc > 0 ? 1 : -1;
  for (let c = q.observerCol + cStep; dc !== 0 && c !== col; c += cStep) {
    const lambda = (c - q.observerCol) / dc;
    const y = q.observerRow + lambda * dr;
    const j = Math.floor(y);
    const f = y - j;
    const z = f === 0 ? h[j * w + c] : h[j * w + c] + f * (h[(j + 1) * w + c] - h[j * w + c]);
    visit(z, lambda);
  }
  const rStep = dr > 0 ? 1 : -1;
  for (let r = q.observerRow + rStep; dr !== 0 && r !== row; r += rStep) {
    const lambda = (r - q.observerRow) / dr;
    const x = q.observerCol + lambda * dc;
    const i = Math.floor(x);
    const f = x - i;
    if (f === 0 && dc !== 0) continue; // a node, already visited as a column crossing
    const z = f === 0 ? h[r * w + i] : h[r * w + i] + f * (h[r * w + i + 1] - h[r * w + i]);
    visit(z, lambda);
  }
}

function pathAngleRad(q: LosQuery, col: number, row: number): number {
  const xM = (col - q.observerCol) * q.dem.dx;
  const yM = (row - q.observerRow) * q.dem.dy;
  return Math.hypot(xM, yM) / q.earthRadiusM;
}

/** True when a target at `targetMslM` above node (col, row) is in line of sight (grazing counts as seen). */
export function exactLineOfSight(q: LosQuery, col: number, row: number, targetMslM: number): boolean {
  const a = q.earthRadiusM;
  const theta = pathAngleRad(q, col, row);
  const oy = a + q.antennaMslM;
  const tx = (a + targetMslM) * Math.sin(theta);
  const ty = (a + targetMslM) * Math.cos(theta) - oy;
  let seen = true;
  forEachCrossing(q, col, row, (z, lambda) => {
    if (!seen || z !== z) return;
    const phi = lambda * theta;
    const px = (a + z) * Math.sin(phi);
    const py = (a + z) * Math.cos(phi) - oy;
    // Cross product of (chord) × (terrain point), both from the antenna: > 0 above the chord.
    if (tx * py - ty * px > 0) seen = false;
  });
  return seen;
}

/**
 * The lowest target height MSL in line of sight above node (col, row): the highest of the heights
 * at which the lines from the antenna through each crossing point reach the target's vertical.
 * −Infinity when nothing lies in between, +Infinity when some line never comes back down.
 */
export function exactMinVisibleMslM(q: LosQuery, col: number, row: number): number {
  const a = q.earthRadiusM;
  const theta = pathAngleRad(q, col, row);
  const oy = a + q.antennaMslM;
  const es = Math.sin(theta);
  const ec = Math.cos(theta);
  let best = -Infinity;
  forEachCrossing(q, col, row, (z, lambda) => {
    if (z !== z) return;
    const phi = lambda * theta;
    const dx = (a + z) * Math.sin(phi);
    const dy = (a + z) * Math.cos(phi) - oy;
    // Point X = (0, oy) + μ·(dx, dy) on the target's radial (sin Θ, cos Θ): X × e = 0.
    const den = dx * ec - dy * es;
    if (den <= 0) {
      best = Infinity;
      return;
    }
    const mu = (oy * es) / den;
    const rho = Math.hypot(mu * dx, oy + mu * dy);
    if (rho - a > best) best = rho - a;
  });
  return best;
}
