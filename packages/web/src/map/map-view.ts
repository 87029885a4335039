/**
 * One MapLibre map: the offline Natural Earth basemap (drawn from GeoJSON, no tiles, no glyphs:
 * labels are HTML markers), an optional online tile basemap, the coverage raster (coloured on the
 * GPU, coverage-layer.ts), range rings, raid playback, and site, place and jammer markers that can
 * be dragged with the mouse or moved with the arrow keys.
 */
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { JammerView, PlaceView, SiteView } from '../scenario-doc.js';
import { CoverageLayer } from './coverage-layer.js';
import { cellClasses, type GridLike, type LayerPaint } from './raster.js';

maplibregl.setWorkerUrl(workerUrl);

export interface Basemap {
  land: GeoJSON.FeatureCollection;
  borders: GeoJSON.Feature;
  coastline: GeoJSON.Feature;
  countryLabels: GeoJSON.FeatureCollection<GeoJSON.Point, { name: string }>;
  attribution: string;
}

export interface MapCallbacks {
  onSiteMove?(index: number, lon: number, lat: number): void;
  onSiteSelect?(index: number): void;
  onSiteDelete?(index: number): void;
  onPlaceMove?(index: number, lon: number, lat: number): void;
  onJammerMove?(index: number, lon: number, lat: number): void;
  onJammerSelect?(index: number): void;
  onPlaceSelect?(index: number): void;
  onMapClick?(lon: number, lat: number): void;
}

const EMPTY_FC: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

function style(b: Basemap): StyleSpecification {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: b.land, attribution: b.attribution },
      borders: { type: 'geojson', data: b.borders },
      coast: { type: 'geojson', data: b.coastline },
      osm: {
        type: 'raster',
        tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
        tileSize: 256,
        attribution: '© OpenStreetMap contributors',
        maxzoom: 18,
      },
      rings: { type: 'geojson', data: EMPTY_FC },
      'raid-routes': { type: 'geojson', data: EMPTY_FC },
      'raid-shots': { type: 'geojson', data: EMPTY_FC },
      raid: { type: 'geojson', data: EMPTY_FC },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#c9d8e4' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f2efe6' } },
      { id: 'osm', type: 'raster', source: 'osm', layout: { visibility: 'none' } },
      { id: 'coast', type: 'line', source: 'coast', paint: { 'line-color': '#6f8796', 'line-width': 0.8 } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#7a6a5a', 'line-width': 1.1, 'line-dasharray': [3, 2] } },
      {
        id: 'rings-missile',
        type: 'line',
        source: 'rings',
        filter: ['==', ['get', 'ring'], 'missile'],
        paint: { 'line-color': '#8c1d18', 'line-width': 1.2, 'line-dasharray': [4, 3] },
      },
      {
        id: 'rings-radar',
        type: 'line',
        source: 'rings',
        filter: ['==', ['get', 'ring'], 'radar'],
        paint: { 'line-color': '#2e5d8a', 'line-width': 0.8, 'line-dasharray': [1, 3] },
      },
      {
        id: 'raid-routes',
        type: 'line',
        source: 'raid-routes',
        paint: { 'line-color': '#37474f', 'line-width': 1.5, 'line-opacity': 0.6, 'line-dasharray': [2, 2] },
      },
      { id: 'raid-shots', type: 'line', source: 'raid-shots', paint: { 'line-color': '#b3261e', 'line-width': 1.2 } },
      {
        id: 'raid-points',
        type: 'circle',
        source: 'raid',
        paint: {
          'circle-radius': ['match', ['get', 'kind'], 'kill', 6, 'miss', 4, 3.5],
          'circle-color': ['match', ['get', 'status'], 'detected', '#e08a00', 'killed', '#b3261e', 'arrived', '#2e7d32', 'miss', '#ffffff', '#1f5f99'],
          'circle-stroke-color': ['match', ['get', 'kind'], 'kill', '#000000', 'miss', '#b3261e', '#ffffff'],
          'circle-stroke-width': ['match', ['get', 'kind'], 'kill', 1.5, 1],
        },
      },
    ],
  };
}

function siteElement(site: SiteView): HTMLElement {
  const el = document.createElement('div');
  el.className = `site-marker status-${site.status}`;
  el.tabIndex = 0;
  el.setAttribute('role', 'button');
  el.dataset.siteId = site.id;
  el.innerHTML = '<span class="sym"></span><span class="lbl"></span>';
  return el;
}

/** A marker kept across redraws, with the item its handlers act on. */
interface Kept<T> {
  marker: maplibregl.Marker;
  holder: { v: T };
}

export class MapView {
  readonly map: maplibregl.Map;
  readonly ready: Promise<void>;
  private siteMarkers = new Map<string, Kept<SiteView>>();
  private placeMarkers = new Map<string, Kept<PlaceView>>();
  private jammerMarkers = new Map<string, Kept<JammerView>>();
  private labelMarkers: maplibregl.Marker[] = [];
  private dragging = false;
  private readonly coverage = new CoverageLayer();

  constructor(
    container: HTMLElement,
    basemap: Basemap,
    private readonly cb: MapCallbacks = {},
    private readonly editable = true,
  ) {
    this.map = new maplibregl.Map({
      container,
      style: style(basemap),
      center: [127, 38.3],
      zoom: 5.6,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.ready = new Promise((resolve) =>
      this.map.once('load', () => {
        // Under the coastlines and borders, over the land.
        this.map.addLayer(this.coverage, 'coast');
        resolve();
      }),
    );
    for (const f of basemap.countryLabels.features) {
      const el = document.createElement('div');
      el.className = 'country-label';
      el.textContent = f.properties.name;
      el.setAttribute('aria-hidden', 'true');
      this.labelMarkers.push(new maplibregl.Marker({ element: el }).setLngLat(f.geometry.coordinates as [number, number]).addTo(this.map));
    }
    this.map.on('zoomend', () => this.declutter());
    this.map.on('click', (e: MapMouseEvent) => {
      if (!this.dragging) cb.onMapClick?.(e.lngLat.lng, e.lngLat.lat);
    });
  }

  fitBbox(b: [number, number, number, number]): void {
    this.map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: 20, duration: 0 },
    );
  }

  /** Colours the grid's cells by `paint` (each cell's class, then the palette on the GPU); none: hides the layer. */
  setCoverage(grid: GridLike | undefined, paint: LayerPaint | undefined): void {
    if (!grid || !paint) {
      this.coverage.hide();
      return;
    }
    this.coverage.setRaster(grid, cellClasses(grid, paint), paint.palette);
  }

  setOpacity(opacity: number): void {
    this.coverage.setOpacity(opacity);
  }

  setRings(fc: GeoJSON.FeatureCollection | undefined): void {
    (this.map.getSource('rings') as GeoJSONSource | undefined)?.setData(fc ?? EMPTY_FC);
  }

  /** Raid playback: routes, missile flyouts, and points (targets and intercepts). */
  setRaid(routes: GeoJSON.FeatureCollection | undefined, shots: GeoJSON.FeatureCollection | undefined, points: GeoJSON.FeatureCollection | undefined): void {
    (this.map.getSource('raid-routes') as GeoJSONSource | undefined)?.setData(routes ?? EMPTY_FC);
    (this.map.getSource('raid-shots') as GeoJSONSource | undefined)?.setData(shots ?? EMPTY_FC);
    (this.map.getSource('raid') as GeoJSONSource | undefined)?.setData(points ?? EMPTY_FC);
  }

  setOnlineBasemap(on: boolean): void {
    this.map.setLayoutProperty('osm', 'visibility', on ? 'visible' : 'none');
  }

  /**
   * Keeps one marker per item: an item whose look (`look`) is unchanged keeps its marker, moved if
   * need be (a drag rebuilds nothing); the others are made by `make`. Handlers read the item from
   * `holder.v`, which is kept current.
   */
  private reconcile<T extends { lon: number; lat: number }>(
    kept: Map<string, Kept<T>>,
    items: readonly T[],
    look: (v: T) => string,
    make: (holder: { v: T }) => maplibregl.Marker,
  ): Map<string, Kept<T>> {
    const next = new Map<string, Kept<T>>();
    for (const v of items) {
      if (!Number.isFinite(v.lon) || !Number.isFinite(v.lat)) continue;
      let key = look(v);
      while (next.has(key)) key += '+';
      const old = kept.get(key);
      if (old) {
        kept.delete(key);
        old.holder.v = v;
        const p = old.marker.getLngLat();
        if (p.lng !== v.lon || p.lat !== v.lat) old.marker.setLngLat([v.lon, v.lat]);
        next.set(key, old);
      } else {
        const holder = { v };
        next.set(key, { holder, marker: make(holder).setLngLat([v.lon, v.lat]).addTo(this.map) });
      }
    }
    for (const k of kept.values()) k.marker.remove();
    return next;
  }

  /** Marker drags: the map's click after a drag is not a click on the map. */
  private draggable(marker: maplibregl.Marker, onEnd: (lon: number, lat: number) => void): maplibregl.Marker {
    marker.on('dragstart', () => (this.dragging = true));
    marker.on('dragend', () => {
      const p = marker.getLngLat();
      setTimeout(() => (this.dragging = false), 0);
      onEnd(p.lng, p.lat);
    });
    return marker;
  }

  setSites(sites: readonly SiteView[], selected: number | null, withProblems: ReadonlySet<number>): void {
    this.siteMarkers = this.reconcile(
      this.siteMarkers,
      sites,
      (s) => JSON.stringify([s.index, s.id, s.system, s.status, s.index === selected, withProblems.has(s.index)]),
      (h) => {
        const s = h.v;
        const el = siteElement(s);
        el.querySelector('.lbl')!.textContent = s.id;
        el.classList.toggle('selected', s.index === selected);
        el.classList.toggle('has-problem', withProblems.has(s.index));
        el.setAttribute('aria-label', `Site ${s.id}, ${s.system}, ${s.status}. ${this.editable ? 'Arrow keys move it, Enter explains, Delete removes.' : ''}`);
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          this.cb.onSiteSelect?.(h.v.index);
        });
        el.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            this.cb.onSiteSelect?.(h.v.index);
            return;
          }
          if (!this.editable) return;
          if (e.key === 'Delete' || e.key === 'Backspace') {
            e.preventDefault();
            this.cb.onSiteDelete?.(h.v.index);
            return;
          }
          const step = e.shiftKey ? 0.1 : 0.01;
          const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
          if (d) {
            e.preventDefault();
            this.cb.onSiteMove?.(h.v.index, h.v.lon + d[0], h.v.lat + d[1]);
          }
        });
        return this.draggable(new maplibregl.Marker({ element: el, draggable: this.editable, anchor: 'center' }), (lon, lat) =>
          this.cb.onSiteMove?.(h.v.index, lon, lat),
        );
      },
    );
    this.declutter();
  }

  /** Stacks the labels of markers that sit within a few pixels of each other. */
  private declutter(): void {
    const markers = [...this.siteMarkers.values()].map((k) => k.marker);
    const pts = markers.map((m) => this.map.project(m.getLngLat()));
    pts.forEach((p, i) => {
      let rank = 0;
      for (let j = 0; j < i; j++) if (Math.abs(pts[j].x - p.x) < 40 && Math.abs(pts[j].y - p.y) < 14) rank++;
      const lbl = markers[i].getElement().querySelector<HTMLElement>('.lbl');
      if (lbl) lbl.style.transform = rank ? `translateY(${rank * 13}px)` : '';
    });
  }

  /** Keyboard focus back on a site marker after the markers were rebuilt. */
  focusSite(id: string): void {
    const el = this.map.getContainer().querySelector<HTMLElement>(`.site-marker[data-site-id="${CSS.escape(id)}"]`);
    el?.focus();
  }

  setPlaces(places: readonly PlaceView[], outcome: ReadonlyMap<string, 'engaged' | 'detected' | 'clear'>): void {
    this.placeMarkers = this.reconcile(
      this.placeMarkers,
      places,
      (p) => JSON.stringify([p.index, p.name, outcome.get(p.name) ?? '']),
      (h) => {
        const p = h.v;
        const el = document.createElement('div');
        el.className = `place-marker ${outcome.get(p.name) ?? ''}`;
        el.tabIndex = 0;
        el.setAttribute('role', 'button');
        el.setAttribute('aria-label', `Place ${p.name}${outcome.get(p.name) ? `: ${outcome.get(p.name)}` : ''}`);
        el.innerHTML = '<span class="sym"></span><span class="lbl"></span>';
        el.querySelector('.lbl')!.textContent = p.name;
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          this.cb.onPlaceSelect?.(h.v.index);
        });
        el.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            this.cb.onPlaceSelect?.(h.v.index);
          }
        });
        return this.draggable(new maplibregl.Marker({ element: el, draggable: this.editable, anchor: 'center' }), (lon, lat) =>
          this.cb.onPlaceMove?.(h.v.index, lon, lat),
        );
      },
    );
  }

  /** Stand-off jammers: a triangle with a noise zigzag, labelled with the id; dragged like sites. */
  setJammers(jammers: readonly JammerView[], selected: number | null = null, withProblems: ReadonlySet<number> = new Set()): void {
    this.jammerMarkers = this.reconcile(
      this.jammerMarkers,
      jammers,
      (j) => JSON.stringify([j.index, j.id, j.jammer, j.status, j.altitudeM, j.index === selected, withProblems.has(j.index)]),
      (h) => {
        const j = h.v;
        const el = document.createElement('div');
        el.className = `jammer-marker status-${j.status}`;
        el.classList.toggle('selected', j.index === selected);
        el.classList.toggle('has-problem', withProblems.has(j.index));
        el.tabIndex = 0;
        el.setAttribute('role', 'button');
        el.dataset.jammerId = j.id;
        const alt = Number.isFinite(j.altitudeM) ? `, at ${Math.round(j.altitudeM).toLocaleString('en-US')} m` : '';
        el.setAttribute('aria-label', `Stand-off jammer ${j.id}, ${j.jammer}, ${j.status}${alt}`);
        el.title = `Stand-off jammer ${j.id} (${j.jammer}, ${j.status}${alt})`;
        el.innerHTML =
          '<svg class="sym" viewBox="0 0 18 16" width="18" height="16" aria-hidden="true"><path class="tri" d="M9 1 L17 15 L1 15 Z"/><path class="zz" d="M4.5 11.5 L7 8.5 L9 11.5 L11 8.5 L13.5 11.5"/></svg><span class="lbl"></span>';
        el.querySelector('.lbl')!.textContent = j.id;
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          this.cb.onJammerSelect?.(h.v.index);
        });
        el.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            this.cb.onJammerSelect?.(h.v.index);
            return;
          }
          if (!this.editable) return;
          const step = e.shiftKey ? 0.1 : 0.01;
          const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
          if (d) {
            e.preventDefault();
            this.cb.onJammerMove?.(h.v.index, h.v.lon + d[0], h.v.lat + d[1]);
          }
        });
        return this.draggable(new maplibregl.Marker({ element: el, draggable: this.editable, anchor: 'center' }), (lon, lat) =>
          this.cb.onJammerMove?.(h.v.index, lon, lat),
        );
      },
    );
  }

  resize(): void {
    this.map.resize();
  }

  remove(): void {
    this.map.remove();
  }
}
