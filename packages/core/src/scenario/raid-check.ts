/**
 * Reference checks of a scenario's raids against the catalog: unknown threat ids (with a
 * did-you-mean hint), duplicate raid and group ids. Reads the raw document, so it also runs when
 * the structure has other problems and the user sees every problem at once.
 */
import type { Catalog } from '../catalog/catalog.js';
import { unknownIdMessage } from '../util/did-you-mean.js';
import type { ScenarioIssue } from './schema.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function raidReferenceIssues(raids: unknown, catalog: Catalog): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (!Array.isArray(raids)) return issues;
  const raidIds = new Map<string, number>();
  const groupIds = new Map<string, string>();
  raids.forEach((raid: unknown, i: number) => {
    if (!isRecord(raid)) return;
    if (typeof raid.id === 'string') {
      const first = raidIds.get(raid.id);
      if (first !== undefined) issues.push({ path: ['raids', i, 'id'], message: `duplicate raid id "${raid.id}" (first used by raids[${first}])` });
      else raidIds.set(raid.id, i);
    }
    if (!Array.isArray(raid.groups)) return;
    raid.groups.forEach((g: unknown, j: number) => {
      if (!isRecord(g)) return;
      if (typeof g.threat === 'string' && !catalog.threats.has(g.threat)) {
        issues.push({ path: ['raids', i, 'groups', j, 'threat'], message: unknownIdMessage('threat', g.threat, catalog.threats.keys()) });
      }
      if (typeof g.jammer === 'string') issues.push(...jammerIssue(['raids', i, 'groups', j, 'jammer'], g.jammer, catalog, 'self-protection'));
      if (typeof g.id === 'string') {
        const first = groupIds.get(g.id);
        if (first !== undefined)
          issues.push({
            path: ['raids', i, 'groups', j, 'id'],
            message: `duplicate group id "${g.id}" (first used by ${first}); group ids are unique across raids`,
          });
        else groupIds.set(g.id, `raids[${i}].groups[${j}]`);
      }
    });
  });
  return issues;
}

/** An unknown jammer id, or one of the wrong kind, as an issue at `path`. */
export function jammerIssue(path: (string | number)[], jammerId: string, catalog: Catalog, kind: 'stand-off' | 'self-protection'): ScenarioIssue[] {
  const j = catalog.jammers.get(jammerId);
  if (!j) return [{ path, message: unknownIdMessage('jammer', jammerId, catalog.jammers.keys()) }];
  if (j.kind !== kind) return [{ path, message: `jammer "${jammerId}" is a ${j.kind} jammer; a ${kind} jammer is needed here` }];
  return [];
}
