/**
 * The main map and its legend: the coverage layer on screen (from the layer computed first after
 * an edit while the whole analysis is on its way, else from the whole analysis), range rings, the
 * raid playback overlay, and the site, place and jammer markers (drag or arrow keys to move, click
 * to select or explain). Completes the edit → map timing once the new picture is drawn.
 */
import { computed, effect } from '@preact/signals-core';
import type { Ctx } from '../component-context.js';
import { MapView, type Basemap } from '../map/map-view.js';
import { canPaint, focusRasters, layerPaint, runRasters, type LayerRasters } from '../map/raster.js';
import { runIndexOf, type Store } from '../store.js';
import { h, replaceChildren } from '../ui/dom.js';

/** Where the layer on screen comes from: the layer computed first after an edit, else the last whole analysis. */
function shownSource(s: Store): { from: object; rasters: () => LayerRasters | undefined; text: string } | undefined {
  const cov = s.coverage.value;
  const pre = s.preview.value;
  // The layer computed first after an edit, while the whole analysis of the same text is not here.
  if (
    pre &&
    pre.text === s.text.value &&
    cov?.text !== pre.text &&
    pre.focus.threatId === s.threatId.value &&
    pre.focus.altitudeM === s.altitudeM.value &&
    canPaint(focusRasters(pre.focus, pre.rasters), s.layer.value)
  ) {
    return { from: pre, rasters: () => focusRasters(pre.focus, pre.rasters), text: pre.text };
  }
  if (!cov) return undefined;
  const i = runIndexOf(s);
  return { from: cov.result.runs[i] ?? cov, rasters: () => runRasters(cov.result, cov.rasters, i), text: cov.text };
}

export async function mountMapPanel(root: HTMLElement, legend: HTMLElement, basemap: Basemap, { store: s, actions: a }: Ctx): Promise<MapView> {
  const map = new MapView(root, basemap, {
    onSiteMove: (i, lon, lat) => {
      a.edit((d) => d.moveSite(i, lon, lat), { move: true });
      const site = s.doc.peek().sites()[i];
      if (site && document.activeElement === document.body) map.focusSite(site.id);
    },
    onSiteSelect: (i) => a.selectSite(i, true),
    onSiteDelete: (i) => a.deleteSite(i),
    onPlaceMove: (i, lon, lat) => a.edit((d) => d.movePlace(i, lon, lat), { move: true }),
    onPlaceSelect: (i) => {
      const p = s.doc.peek().places()[i];
      if (p) a.explain({ kind: 'place', name: p.name });
    },
    onJammerMove: (i, lon, lat) => a.edit((d) => d.moveJammer(i, lon, lat), { move: true }),
    onJammerSelect: (i) => a.selectJammer(i),
    onMapClick: (lonDeg, latDeg) => {
      if (s.addMode.peek()) a.addAt(lonDeg, latDeg);
      // With a site's diagram open, a click cuts it toward the point.
      else if (s.explain.peek()?.kind === 'site') s.vcdToward.value = { lonDeg, latDeg };
    },
  });
  await map.ready;
  map.map.on('moveend', () => {
    const c = map.map.getCenter();
    s.camera.value = { center: [c.lng, c.lat], zoom: map.map.getZoom() };
  });

  effect(() => {
    const f = s.fitBbox.value;
    if (f) map.fitBbox(f.bbox);
  });
  effect(() => map.setOnlineBasemap(s.online.value));
  effect(() => {
    root.classList.toggle('adding', s.addMode.value !== null);
  });
  effect(() => map.setOpacity(s.opacity.value));
  effect(() => map.setRings(s.showRings.value ? s.coverage.value?.result.ringFeatures : undefined));
  effect(() => {
    const o = s.raidOverlay.value;
    map.setRaid(o?.routes, o?.shots, o?.points);
  });

  // Markers: sites (with their problems), jammers, places coloured by the layer's outcome there.
  effect(() => {
    const doc = s.doc.value;
    const problems = s.problems.value;
    const at = (re: RegExp) =>
      new Set(
        problems
          .map((p) => re.exec(p.path))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => Number(m[1])),
      );
    map.setSites(doc.sites(), s.selectedSite.value, at(/^sites\[(\d+)\]/));
    map.setJammers(doc.jammers(), s.selectedJammer.value, at(/^jammers\[(\d+)\]/));
    const pre = s.preview.value;
    const cov = s.coverage.value;
    const fresh =
      pre && pre.text === s.text.value && cov?.text !== pre.text && pre.focus.threatId === s.threatId.value && pre.focus.altitudeM === s.altitudeM.value;
    const places = fresh ? pre.focus.places : (cov?.result.runs[runIndexOf(s)]?.metrics.places ?? []);
    map.setPlaces(
      doc.places(),
      new Map(places.map((p) => [p.name, p.engaged ? ('engaged' as const) : p.detected ? ('detected' as const) : ('clear' as const)])),
    );
  });

  // The coverage layer; then, for the first picture after an edit, the timing.
  // The same source and layer give the same object, so an edit that leaves the picture as it is
  // (the whole analysis still on its way) neither recolours nor redraws the map.
  let last: { from?: object; layer?: string; value: { rasters?: LayerRasters; text?: string; paint?: ReturnType<typeof layerPaint> } } = { value: {} };
  const shown = computed(() => {
    const src = shownSource(s);
    const layer = s.layer.value;
    if (src?.from !== last.from || layer !== last.layer) {
      const rasters = src?.rasters();
      last = { from: src?.from, layer, value: { rasters, text: src?.text, paint: layerPaint(rasters, layer) } };
    }
    return last.value;
  });
  effect(() => {
    const { rasters, text, paint } = shown.value;
    const t0 = performance.now();
    map.setCoverage(rasters?.grid, paint);
    const colourMs = performance.now() - t0;
    const pending = s.pendingPaint.peek();
    if (pending && text === pending.text) {
      const drawnFrom = performance.now();
      map.map.once('idle', () => {
        const paintedAt = performance.now();
        if (s.pendingPaint.peek() !== pending) return;
        s.pendingPaint.value = null;
        const { stage, clientMs, requestMs, computeMs, serverComputeMs, transferMs } = pending;
        s.timing.value = {
          ms: paintedAt - pending.editAt,
          stage,
          clientMs,
          requestMs,
          computeMs,
          serverComputeMs,
          transferMs,
          colourMs,
          paintMs: paintedAt - drawnFrom,
        };
      });
      map.map.triggerRepaint();
    }
  });
  effect(() => {
    const { paint } = shown.value;
    const layer = s.layer.value;
    const opacity = s.opacity.value;
    const threat = s.coverage.value?.result.threats.find((x) => x.id === s.threatId.value);
    const jammers = s.doc.value.jammers().length > 0;
    const showRings = s.showRings.value && s.coverage.value !== null;
    replaceChildren(
      legend,
      ...(paint?.legend.length
        ? [
            h(
              'div',
              { class: 'legend-title' },
              layer === 'mda'
                ? `Lowest altitude at which a ${threat?.name ?? 'target'} is detected`
                : `${threat?.name ?? ''} at ${s.altitudeM.value.toLocaleString('en-US')} m`,
            ),
            ...paint.legend.map((it) =>
              h(
                'div',
                { class: 'legend-item' },
                h('span', { class: 'swatch', style: `background: rgba(${it.color[0]},${it.color[1]},${it.color[2]},${opacity})` }),
                it.label,
              ),
            ),
          ]
        : []),
      ...(showRings
        ? [
            h('div', { class: 'legend-item' }, h('span', { class: 'line missile' }), 'missile range ring'),
            h('div', { class: 'legend-item' }, h('span', { class: 'line radar' }), 'radar instrumented range'),
          ]
        : []),
      ...(jammers
        ? [h('div', { class: 'legend-item' }, h('span', { class: 'jam dot status-confirmed', 'aria-hidden': 'true' }), 'stand-off jammer (noise)')]
        : []),
    );
  });
  return map;
}
