/**
 * The scenario being edited, kept as a YAML document so that edits made on the map or in forms
 * change only the nodes they touch: comments, key order and formatting of the rest of the file
 * survive a drag. The text is the source of truth sent to the server for validation and runs.
 */
import { isMap, isSeq, parseDocument, type Document } from 'yaml';

export interface SiteView {
  index: number;
  id: string;
  system: string;
  lon: number;
  lat: number;
  status: string;
  antennaHeightM?: number;
  note?: string;
  sourceTitle?: string;
}

/** A stand-off jammer of the scenario's `jammers:` section, as far as it parses. */
export interface JammerView {
  index: number;
  id: string;
  /** Catalog jammer id. */
  jammer: string;
  lon: number;
  lat: number;
  altitudeM: number;
  status: string;
  sources: { title: string; url?: string; accessed?: string }[];
  note?: string;
}

export interface PlaceView {
  index: number;
  name: string;
  lon: number;
  lat: number;
}

const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export class ScenarioDoc {
  private readonly doc: Document;
  private plainCache: Record<string, unknown> | undefined;

  constructor(text: string | Document) {
    this.doc = typeof text === 'string' ? parseDocument(text) : text;
  }

  /**
   * This document with `fn`'s edits, as a new ScenarioDoc over the same YAML tree (no re-parse;
   * this one must not be read afterwards).
   */
  edited(fn: (d: ScenarioDoc) => void): ScenarioDoc {
    fn(this);
    return new ScenarioDoc(this.doc);
  }

  /** False when the text has YAML syntax errors (then only the text editor can fix it). */
  get parsable(): boolean {
    return this.doc.errors.length === 0;
  }

  get text(): string {
    return this.doc.toString({ lineWidth: 0 });
  }

  get name(): string {
    const n = this.doc.get('name');
    return typeof n === 'string' ? n : '(untitled)';
  }

  /** The document as plain data, converted once (edits return a new ScenarioDoc). */
  private plain(): Record<string, unknown> {
    if (!this.plainCache) {
      const v = this.parsable ? (this.doc.toJS() as unknown) : {};
      this.plainCache = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    }
    return this.plainCache;
  }

  sites(): SiteView[] {
    const s = this.plain().sites;
    if (!Array.isArray(s)) return [];
    return s.map((x: Record<string, unknown>, index) => ({
      index,
      id: String(x?.id ?? `site-${index + 1}`),
      system: String(x?.system ?? ''),
      lon: num(x?.lon),
      lat: num(x?.lat),
      status: String(x?.status ?? ''),
      antennaHeightM: typeof x?.antennaHeightM === 'number' ? x.antennaHeightM : undefined,
      note: typeof x?.note === 'string' ? x.note : undefined,
      sourceTitle: Array.isArray(x?.sources) ? (x.sources[0] as { title?: string })?.title : undefined,
    }));
  }

  jammers(): JammerView[] {
    const j = this.plain().jammers;
    if (!Array.isArray(j)) return [];
    return j.map((x: Record<string, unknown>, index) => ({
      index,
      id: String(x?.id ?? `jammer-${index + 1}`),
      jammer: String(x?.jammer ?? ''),
      lon: num(x?.lon),
      lat: num(x?.lat),
      altitudeM: num(x?.altitudeM),
      status: String(x?.status ?? ''),
      sources: Array.isArray(x?.sources)
        ? x.sources
            .filter((s: unknown): s is Record<string, unknown> => typeof s === 'object' && s !== null && typeof (s as { title?: unknown }).title === 'string')
            .map((s) => ({
              title: String(s.title),
              url: typeof s.url === 'string' ? s.url : undefined,
              accessed: typeof s.accessed === 'string' ? s.accessed : undefined,
            }))
        : [],
      note: typeof x?.note === 'string' ? x.note : undefined,
    }));
  }

  places(): PlaceView[] {
    const p = this.plain().places;
    if (!Array.isArray(p)) return [];
    return p.map((x: Record<string, unknown>, index) => ({ index, name: String(x?.name ?? ''), lon: num(x?.lon), lat: num(x?.lat) }));
  }

  analysis(): { threats: string[]; altitudesM: number[]; altitudeReference: string } {
    const a = (this.plain().analysis ?? {}) as Record<string, unknown>;
    return {
      threats: Array.isArray(a.threats) ? a.threats.map(String) : [],
      altitudesM: Array.isArray(a.altitudesM) ? a.altitudesM.filter((x): x is number => typeof x === 'number') : [],
      altitudeReference: typeof a.altitudeReference === 'string' ? a.altitudeReference : 'msl',
    };
  }

  bbox(): [number, number, number, number] | undefined {
    const r = (this.plain().region ?? {}) as { bbox?: unknown };
    return Array.isArray(r.bbox) && r.bbox.length === 4 && r.bbox.every((x) => typeof x === 'number')
      ? (r.bbox as [number, number, number, number])
      : undefined;
  }

  moveSite(index: number, lon: number, lat: number): void {
    this.plainCache = undefined;
    this.doc.setIn(['sites', index, 'lon'], round(lon, 3));
    this.doc.setIn(['sites', index, 'lat'], round(lat, 3));
  }

  moveJammer(index: number, lon: number, lat: number): void {
    this.plainCache = undefined;
    this.doc.setIn(['jammers', index, 'lon'], round(lon, 3));
    this.doc.setIn(['jammers', index, 'lat'], round(lat, 3));
  }

  movePlace(index: number, lon: number, lat: number): void {
    this.plainCache = undefined;
    this.doc.setIn(['places', index, 'lon'], round(lon, 3));
    this.doc.setIn(['places', index, 'lat'], round(lat, 3));
  }

  /** Sets a site field; `undefined` removes it (e.g. the antenna height override). */
  setSiteField(index: number, key: 'id' | 'system' | 'status' | 'antennaHeightM' | 'note' | 'lon' | 'lat', value: string | number | undefined): void {
    this.plainCache = undefined;
    if (value === undefined || value === '') this.doc.deleteIn(['sites', index, key]);
    else this.doc.setIn(['sites', index, key], value);
  }

  setSourceTitle(index: number, title: string): void {
    this.plainCache = undefined;
    if (this.doc.hasIn(['sites', index, 'sources', 0])) this.doc.setIn(['sites', index, 'sources', 0, 'title'], title);
    else this.doc.setIn(['sites', index, 'sources'], this.doc.createNode([{ title }]));
  }

  setPlaceField(index: number, key: 'name' | 'lon' | 'lat', value: string | number): void {
    this.plainCache = undefined;
    this.doc.setIn(['places', index, key], value);
  }

  /** Sets a list under `analysis` (threats, altitudesM) as a one-line YAML sequence. */
  setAnalysisList(key: 'threats' | 'altitudesM', values: (string | number)[]): void {
    this.plainCache = undefined;
    const node = this.doc.createNode(values);
    if (isSeq(node)) node.flow = true;
    this.doc.setIn(['analysis', key], node);
  }

  setAnalysisField(key: 'altitudeReference', value: string): void {
    this.plainCache = undefined;
    this.doc.setIn(['analysis', key], value);
  }

  resolutionM(): number | undefined {
    const r = (this.plain().region ?? {}) as { resolutionM?: unknown };
    return typeof r.resolutionM === 'number' ? r.resolutionM : undefined;
  }

  setResolutionM(m: number): void {
    this.plainCache = undefined;
    this.doc.setIn(['region', 'resolutionM'], m);
  }

  addSite(site: { id: string; system: string; lon: number; lat: number }): number {
    this.plainCache = undefined;
    const node = this.doc.createNode({
      id: site.id,
      system: site.system,
      lon: round(site.lon, 3),
      lat: round(site.lat, 3),
      status: 'hypothetical',
      sources: [{ title: 'Parapet estimate: notional placement added in the workbench' }],
    });
    const seq = this.doc.get('sites');
    if (isSeq(seq)) seq.items.push(node);
    else this.doc.set('sites', this.doc.createNode([node]));
    return this.sites().length - 1;
  }

  addPlace(place: { name: string; lon: number; lat: number }): number {
    this.plainCache = undefined;
    const node = this.doc.createNode({ name: place.name, lon: round(place.lon, 3), lat: round(place.lat, 3) });
    if (isMap(node)) node.flow = true;
    const seq = this.doc.get('places');
    if (isSeq(seq)) seq.items.push(node);
    else this.doc.set('places', this.doc.createNode([node]));
    return this.places().length - 1;
  }

  deleteSite(index: number): void {
    this.plainCache = undefined;
    this.doc.deleteIn(['sites', index]);
  }

  deletePlace(index: number): void {
    this.plainCache = undefined;
    this.doc.deleteIn(['places', index]);
  }

  /** A site id not used yet: `${base}-2`, `${base}-3`, … */
  freeSiteId(base: string): string {
    const used = new Set(this.sites().map((s) => s.id));
    if (!used.has(base)) return base;
    for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
  }
}

/** A new scenario around a bounding box, with one site. */
export function newScenarioText(system: string, threat: string): string {
  return `# A new scenario. Positions are notional. Analysis and education only.
name: New scenario
region:
  bbox: [123.8, 35.8, 129.8, 40.8]
  resolutionM: 1000
sites:
  - id: site-1
    system: ${system}
    lon: 125.75
    lat: 39.03
    status: hypothetical
    sources:
      - title: "Parapet estimate: notional placement"
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis:
  threats: [${threat}]
  altitudesM: [100, 1000, 10000]
  altitudeReference: msl
`;
}
