/**
 * `parapet explain FILE --site ID --threat ID --altitude M [--place NAME] [--json]` — the
 * derivation of every detection and engagement number of one site against one threat: formula,
 * inputs with value, unit, source and confidence, intermediate values, result.
 */
import type { Command } from 'commander';
import { explainScenarioSite, formatExplainValue, unknownIdMessage, type Catalog, type ExplainNode, type Origin, type Scenario } from '@parapet/core';
import { explainTerrain } from '@parapet/server';
import { UserError } from '../errors.js';
import { catalog, parseNumberOption, scenario } from '../inputs.js';
import { parseValueCase } from './coverage.js';

interface ExplainOptions {
  site: string;
  threat: string;
  altitude: string;
  place?: string;
  values: string;
  json?: boolean;
}

/**
 * Builds the tree for a scenario file (shared with tests): core's explainScenarioSite, with the
 * scenario's DEM read by the same function as the workbench's /api/explain (the line of sight over
 * the place, when the scenario has a `terrain:` section).
 */
export async function explainFromScenario(file: string, opts: ExplainOptions, cat: Catalog = catalog()): Promise<ExplainNode> {
  const scen: Scenario = scenario(file, cat);
  const site = scen.sites.find((s) => s.id === opts.site);
  if (!site)
    throw new UserError(
      unknownIdMessage(
        'site',
        opts.site,
        scen.sites.map((s) => s.id),
      ),
    );
  const threat = cat.threats.get(opts.threat);
  if (!threat) throw new UserError(unknownIdMessage('threat', opts.threat, [...cat.threats.keys()]));
  const altitudeM = parseNumberOption('--altitude', opts.altitude, 0, 100_000);
  let place: { name: string; lonDeg: number; latDeg: number } | undefined;
  if (opts.place !== undefined) {
    const p = scen.places.find((x) => x.name.toLowerCase() === opts.place!.toLowerCase());
    if (!p)
      throw new UserError(
        unknownIdMessage(
          'place',
          opts.place,
          scen.places.map((x) => x.name),
        ),
      );
    place = { name: p.name, lonDeg: p.lon, latDeg: p.lat };
  }
  const valueCase = parseValueCase(opts.values);
  const terrain = await explainTerrain(scen, place ? [place] : []);
  return explainScenarioSite({ scenario: scen, catalog: cat, valueCase, terrain, siteId: site.id, threatId: threat.id, altitudeM, place });
}

function formatOrigin(o: Origin): string {
  switch (o.kind) {
    case 'catalog': {
      const spread = o.low !== undefined || o.high !== undefined ? ` (spread ${o.low ?? o.nominal}–${o.high ?? o.nominal})` : '';
      const src = o.sources.map((s) => s.title + (s.url ? ` <${s.url}>` : '')).join('; ');
      return `catalog ${o.path}: ${o.nominal}${o.unit === '1' ? '' : ` ${o.unit}`}${spread}, ${o.valueCase} case, ${o.confidence} confidence — ${src}${o.note ? ` — note: ${o.note}` : ''}`;
    }
    case 'scenario':
      return `from ${o.path}${o.note ? ` — ${o.note}` : ''}`;
    case 'default':
      return `DEFAULT — ${o.note}`;
    case 'constant':
      return `constant — ${o.reference}`;
    case 'model':
      return `model — ${o.reference}`;
  }
}

/** The tree as indented text (├─ / └─ branches; formula and source lines under each node). */
export function formatExplainTree(root: ExplainNode): string {
  const lines: string[] = [];
  const walk = (n: ExplainNode, prefix: string, branch: string, childPrefix: string): void => {
    lines.push(`${prefix}${branch}${n.label}${n.symbol ? ` [${n.symbol}]` : ''} = ${formatExplainValue(n)}`);
    const info = `${prefix}${childPrefix}${n.children.length ? '│  ' : '   '}`;
    if (n.formula) lines.push(`${info}formula: ${n.formula}`);
    if (n.substituted) lines.push(`${info}  → ${n.substituted}`);
    if (n.origin) lines.push(`${info}source: ${formatOrigin(n.origin)}`);
    if (n.note) lines.push(`${info}note: ${n.note}`);
    n.children.forEach((c, i) => {
      const last = i === n.children.length - 1;
      walk(c, prefix + childPrefix, last ? '└─ ' : '├─ ', last ? '   ' : '│  ');
    });
  };
  walk(root, '', '', '');
  return `${lines.join('\n')}\n`;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('how each detection and engagement number of a site is derived, with every input and source')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--site <id>', 'site id of the scenario')
    .requiredOption('--threat <id>', 'threat id from the catalog')
    .requiredOption('--altitude <m>', 'target altitude, metres MSL')
    .option('--place <name>', 'a place of the scenario: explain the outcome over it')
    .option('--values <case>', 'read the sources at their low (coverage-minimising), nominal or high values', 'nominal')
    .option('--json', 'print the derivation tree as JSON on stdout')
    .action(async (file: string, opts: ExplainOptions) => {
      const tree = await explainFromScenario(file, opts);
      process.stdout.write(opts.json ? `${JSON.stringify(tree)}\n` : formatExplainTree(tree));
    });
}
