/**
 * The coverage tables (right, "Coverage"): detected, engaged and seen-but-not-engageable area per
 * target and altitude (with the low–high spread, and the unjammed figures when stand-off jammers
 * act), the share of the range ring, the area engaged by two or more sites; then the places and
 * sites of the layer on screen. Click a row to show it; any number or name explains itself.
 */
import type { Ctx } from '../component-context.js';
import { runIndexOf } from '../store.js';
import { fmtAlt, fmtArea, fmtKm, fmtPct, h, keyedEffect, replaceChildren } from '../ui/dom.js';

export function mountCoverageTables(root: HTMLElement, { store: s, actions: a }: Ctx): void {
  keyedEffect(
    () => [s.coverage.value, runIndexOf(s), s.coverage.value !== null && s.coverage.value.text !== s.text.value, s.problems.value.length > 0],
    () => {
      const cov = s.coverage.value?.result;
      if (!cov) {
        replaceChildren(
          root,
          h('h2', {}, 'Results'),
          h('p', { class: 'muted' }, s.problems.value.length ? 'Fix the problems in the scenario to compute its coverage.' : 'Computing…'),
        );
        return;
      }
      const i = runIndexOf(s);
      const run = cov.runs[i];
      const stale = s.coverage.value!.text !== s.text.value;
      const num = (value: string, metric: string, title?: string) =>
        h('button', { class: 'num', title: title ?? 'Where does this number come from?', onclick: () => a.explain({ kind: 'metric', name: metric }) }, value);
      const spread = (lo?: number, hi?: number) =>
        lo !== undefined && hi !== undefined ? h('span', { class: 'spread', title: 'low–high reading of the sources' }, `${fmtArea(lo)}–${fmtArea(hi)}`) : null;
      const unjammed = (v?: number) =>
        v !== undefined ? h('span', { class: 'unjammed', title: 'the same layer without the stand-off jammers, km²' }, fmtArea(v)) : null;
      const jammers = cov.jammers ?? [];
      const layerRows = cov.runs.flatMap((x, k) => [
        k === 0 || cov.runs[k - 1].threatId !== x.threatId
          ? h(
              'tr',
              { class: 'group' },
              h(
                'td',
                { colspan: 6 },
                h('button', { class: 'link', onclick: () => a.explain({ kind: 'threat', id: x.threatId }), title: 'About this target' }, x.metrics.threatName),
              ),
            )
          : null,
        h(
          'tr',
          { class: x.index === i ? 'selected' : '', onclick: () => a.pick({ threatId: x.threatId, altitudeM: x.altitudeM }) },
          h(
            'td',
            { class: 'r' },
            h(
              'button',
              {
                class: 'link',
                'data-key': `run-${x.index}`,
                'aria-label': `Show ${x.metrics.threatName} at ${x.altitudeM} m`,
                onclick: (e: Event) => {
                  e.stopPropagation();
                  a.pick({ threatId: x.threatId, altitudeM: x.altitudeM });
                },
              },
              `${x.altitudeM.toLocaleString('en-US')} m`,
            ),
          ),
          h(
            'td',
            { class: 'r' },
            num(fmtArea(x.metrics.detectAreaKm2), 'detectAreaKm2'),
            spread(x.low?.metrics.detectAreaKm2, x.high?.metrics.detectAreaKm2),
            unjammed(x.unjammed?.metrics.detectAreaKm2),
          ),
          h(
            'td',
            { class: 'r' },
            num(fmtArea(x.metrics.engageAreaKm2), 'engageAreaKm2'),
            spread(x.low?.metrics.engageAreaKm2, x.high?.metrics.engageAreaKm2),
            unjammed(x.unjammed?.metrics.engageAreaKm2),
          ),
          h(
            'td',
            { class: 'r seen', 'data-key': `seen-${x.index}` },
            num(fmtArea(x.metrics.detectedNotEngagedAreaKm2), 'detectedNotEngagedAreaKm2'),
            spread(x.low?.metrics.detectedNotEngagedAreaKm2, x.high?.metrics.detectedNotEngagedAreaKm2),
            unjammed(x.unjammed?.metrics.detectedNotEngagedAreaKm2),
          ),
          h('td', { class: 'r' }, num(fmtPct(x.metrics.engageRingFraction), 'engageRingFraction')),
          h('td', { class: 'r' }, num(fmtArea(x.metrics.multiEngageAreaKm2), 'multiEngageAreaKm2')),
        ),
      ]);
      const places = run?.metrics.places ?? [];
      const sites = run?.metrics.sites ?? [];
      replaceChildren(
        root,
        h('h2', {}, 'Coverage', h('span', { class: 'muted small' }, ` · ${cov.valueCase} values${stale ? ' · updating…' : ''}`)),
        jammers.length
          ? h(
              'p',
              { class: 'muted small jamming-note' },
              `With ${jammers.length} stand-off jammer${jammers.length > 1 ? 's' : ''} acting (${jammers.map((j) => j.entityId).join(', ')}). `,
              h('span', { class: 'unjammed' }, 'Purple figures'),
              ': the same layer without them.',
            )
          : null,
        h(
          'table',
          { class: 'metrics', 'aria-label': 'Coverage by target and altitude' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { class: 'r' }, 'Altitude'),
              h('th', { class: 'r', title: 'detected area, km²' }, 'Detect km²'),
              h('th', { class: 'r', title: 'engaged area, km²' }, 'Engage km²'),
              h('th', { class: 'r', title: 'detected by some radar but engageable by no site, km²: seen, not shot' }, 'Seen, not eng. km²'),
              h('th', { class: 'r', title: 'engaged area / range-ring area' }, 'of ring'),
              h('th', { class: 'r', title: 'area engaged by ≥ 2 sites, km²' }, '≥2 sites'),
            ),
          ),
          h('tbody', {}, layerRows),
        ),
        run ? h('h2', {}, 'Places', h('span', { class: 'muted small' }, ` · ${run.metrics.threatName} at ${run.altitudeM.toLocaleString('en-US')} m`)) : null,
        run
          ? h(
              'table',
              { class: 'places', 'aria-label': 'Places of interest' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, 'Place'),
                  h('th', {}, 'At this altitude'),
                  h('th', { class: 'r', title: 'lowest altitude at which some site engages' }, 'Lowest engaged'),
                ),
              ),
              h(
                'tbody',
                {},
                places.map((p) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('button', { class: 'link', onclick: () => a.explain({ kind: 'place', name: p.name }) }, p.name)),
                    h(
                      'td',
                      { class: p.engaged ? 'bad' : p.detected ? 'warn' : 'good' },
                      p.engaged ? `engaged by ${p.engagedBy.join(', ')}` : p.detected ? `detected by ${p.detectedBy.join(', ')}` : 'not detected',
                    ),
                    h('td', { class: 'r' }, num(fmtAlt(p.lowestEngagedAltitudeM), 'lowestEngagedAltitudeM')),
                  ),
                ),
              ),
            )
          : null,
        run ? h('h2', {}, 'Sites') : null,
        run
          ? h(
              'table',
              { class: 'sites', 'aria-label': 'Sites in this layer' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', {}, 'Site'),
                  h('th', {}, 'System'),
                  h('th', { class: 'r', title: 'longest ground range detected in this layer, km' }, 'Detect km'),
                  h('th', { class: 'r', title: 'longest ground range engaged in this layer, km' }, 'Engage km'),
                ),
              ),
              h(
                'tbody',
                {},
                sites.map((x) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('button', { class: 'link', onclick: () => a.explain({ kind: 'site', id: x.id }) }, x.id)),
                    h('td', {}, cov.sites.find((y) => y.id === x.id)?.systemName ?? ''),
                    h('td', { class: 'r' }, num(fmtKm(x.maxDetectRangeKm), 'maxDetectRangeKm')),
                    h('td', { class: 'r' }, num(fmtKm(x.maxEngageRangeKm), 'maxEngageRangeKm')),
                  ),
                ),
              ),
            )
          : null,
        h(
          'p',
          { class: 'muted small' },
          'Click any number or name for where it comes from. Positions are notional and city-level; analysis and education only.',
        ),
      );
    },
  );
}
