/**
 * `parapet catalog [list|show ID] [--json]` — the systems and threats with every value's spread,
 * confidence and sources.
 */
import type { Command } from 'commander';
import { unknownIdMessage, valuesOf, type Value } from '@parapet/core';
import { UserError } from '../errors.js';
import { catalog } from '../inputs.js';
import { formatTable } from '../table.js';

function fmtValue(v: Value): string {
  const spread = v.low !== undefined || v.high !== undefined ? ` (${v.low ?? v.nominal}–${v.high ?? v.nominal})` : '';
  return `${v.nominal}${spread} ${v.unit}`;
}

function confidenceCounts(entry: unknown): string {
  const c = { high: 0, medium: 0, low: 0 };
  for (const { value } of valuesOf(entry)) c[value.confidence]++;
  return `${c.high}/${c.medium}/${c.low}`;
}

export function registerCatalog(program: Command): void {
  const cmd = program.command('catalog').description('systems and threats with sources and confidence');
  cmd
    .command('list', { isDefault: true })
    .description('list systems and threats')
    .option('--json', 'print JSON on stdout')
    .action((opts: { json?: boolean }) => {
      const cat = catalog();
      const systems = [...cat.systems.values()];
      const threats = [...cat.threats.values()];
      const jammers = [...cat.jammers.values()];
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ systems, threats, jammers }, null, 2)}\n`);
        return;
      }
      const sysRows = systems.map((s) => ({
        id: s.id,
        name: `${s.name}${s.aliases.length ? ` (${s.aliases.join(', ')})` : ''}`,
        radars: s.radars.map((r) => r.id).join(', '),
        missiles: s.missiles.map((m) => m.id).join(', ') || '—',
        conf: confidenceCounts(s),
      }));
      process.stdout.write(
        `Systems\n${formatTable(sysRows, [
          { header: 'id', cell: (r) => r.id },
          { header: 'name', cell: (r) => r.name },
          { header: 'radars', cell: (r) => r.radars },
          { header: 'missiles', cell: (r) => r.missiles },
          { header: 'values high/med/low', cell: (r) => r.conf, align: 'right' },
        ])}\n\nThreats\n`,
      );
      process.stdout.write(
        `${formatTable(threats, [
          { header: 'id', cell: (t) => t.id },
          { header: 'name', cell: (t) => t.name },
          { header: 'category', cell: (t) => t.category },
          { header: 'RCS VHF', cell: (t) => fmtValue(t.rcs.front.VHF), align: 'right' },
          { header: 'RCS X', cell: (t) => fmtValue(t.rcs.front.X), align: 'right' },
          { header: 'speed', cell: (t) => fmtValue(t.speed), align: 'right' },
          { header: 'values high/med/low', cell: (t) => confidenceCounts(t), align: 'right' },
        ])}\n\nJammers (notional noise jammers)\n${formatTable(jammers, [
          { header: 'id', cell: (j) => j.id },
          { header: 'name', cell: (j) => j.name },
          { header: 'kind', cell: (j) => j.kind },
          { header: 'bands', cell: (j) => j.bands.join(' ') },
          { header: 'ERP', cell: (j) => fmtValue(j.erp), align: 'right' },
          { header: 'values high/med/low', cell: (j) => confidenceCounts(j), align: 'right' },
        ])}\n\nRun 'parapet catalog show ID' for every value with its sources.\n`,
      );
    });
  cmd
    .command('show')
    .description('every value of one system, threat or jammer with its sources')
    .argument('<id>', 'system, threat or jammer id')
    .option('--json', 'print JSON on stdout')
    .action((id: string, opts: { json?: boolean }) => {
      const cat = catalog();
      const entry = cat.systems.get(id) ?? cat.threats.get(id) ?? cat.jammers.get(id);
      if (!entry) throw new UserError(unknownIdMessage('system, threat or jammer', id, [...cat.systems.keys(), ...cat.threats.keys(), ...cat.jammers.keys()]));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
        return;
      }
      const out: string[] = [`${entry.name} [${entry.id}]`, entry.description, ''];
      out.push('General sources:', ...entry.sources.map((s) => `  - ${s.title}${s.url ? ` <${s.url}>` : ''}`), '');
      for (const { path, value } of valuesOf(entry)) {
        out.push(`${path} = ${fmtValue(value)}   [confidence: ${value.confidence}]`);
        if (value.note) out.push(`    note: ${value.note}`);
        for (const s of value.sources) out.push(`    source: ${s.title}${s.url ? ` <${s.url}>` : ''}${s.accessed ? ` (accessed ${s.accessed})` : ''}`);
      }
      if (entry.note) out.push('', `Note: ${entry.note}`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
