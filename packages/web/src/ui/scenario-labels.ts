/** Small views of scenario parts shared by the panels: problems under a path, a jammer's one-line label. */
import type { InputProblem } from '../api.js';
import type { ResolvedJammerJson } from '../api.js';
import type { JammerView } from '../scenario-doc.js';

/** Problems at `prefix` (e.g. `sites[2]`) or below it. */
export function problemsAt(problems: readonly InputProblem[], prefix: string): InputProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
}

/** "EA-18G … · reported · 9,000 m": the catalog name when the last run resolved it, else its id. */
export function jammerLabel(j: JammerView, resolved: readonly ResolvedJammerJson[] | undefined): string {
  const r = resolved?.find((x) => x.entityId === j.id);
  const alt = Number.isFinite(j.altitudeM) ? ` · ${Math.round(j.altitudeM).toLocaleString('en-US')} m` : '';
  return `${r?.name ?? j.jammer} · ${j.status}${alt}`;
}
