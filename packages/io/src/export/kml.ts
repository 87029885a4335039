/**
 * KML 2.2 documents (OGC 07-147r2, the format Google Earth reads) from GeoJSON geometries:
 * `<kml xmlns="http://www.opengis.net/kml/2.2">` → Document → Folders → Placemarks, shared
 * `<Style>`s referenced by `<styleUrl>#id`, colours as `aabbggrr` hex (kml:color), every
 * geometry `clampToGround`, coordinates `lon,lat` in decimal degrees (WGS84), a Polygon's
 * outer ring counter-clockwise and its holes clockwise (the GeoJSON winding this module is given,
 * checked), every ring closed. Child elements follow the sequences of the OGC schema
 * (ogckml22.xsd): Feature: name, visibility, open, description, styleUrl, Style*,
 * ExtendedData, then the geometry or the contained features. A feature's GeoJSON properties
 * become `<ExtendedData><Data name=…><value>` entries, so a KML reader recovers them.
 *
 * The XML is written by fast-xml-parser's XMLBuilder, which escapes every `&`, `<`, `>` and `"`
 * (a title with "&amp;" in it comes back as written); characters XML 1.0 cannot carry (C0
 * controls other than tab/CR/LF, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD first.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Geometry, Position } from 'geojson';
import { parseColor } from '../render/color-ramp.js';

export const KML_NAMESPACE = 'http://www.opengis.net/kml/2.2';

/** A property value KML can carry as `<Data><value>` text. */
export type KmlValue = string | number | boolean;

export interface KmlStyle {
  id: string;
  /** Point placemarks: the icon tint and size (Google Earth's default pushpin). */
  icon?: { color: string; opacity: number; scale: number };
  /** Lines and polygon outlines; widthPx in screen pixels. */
  line?: { color: string; opacity: number; widthPx: number };
  /** Polygon fill; `opacity: 0` with `fill: false` draws outlines only. */
  poly?: { color: string; opacity: number; fill?: boolean; outline?: boolean };
  /** How a folder lists its children: 'radioFolder' shows one at a time. */
  listItemType?: 'check' | 'radioFolder' | 'checkOffOnly' | 'checkHideChildren';
}

export interface KmlPlacemark {
  kind: 'placemark';
  name: string;
  visible?: boolean;
  /** HTML shown in Google Earth's balloon (escaped as XML text). */
  description?: string;
  styleId?: string;
  /** Written as ExtendedData in this order; undefined and null values are left out. */
  data: Record<string, KmlValue | null | undefined>;
  /** Polygon, MultiPolygon or Point; null (or an empty MultiPolygon) writes no geometry. */
  geometry: Geometry | null;
}

export interface KmlFolder {
  kind: 'folder';
  name: string;
  visible?: boolean;
  open?: boolean;
  description?: string;
  styleId?: string;
  children: KmlNode[];
}

export type KmlNode = KmlFolder | KmlPlacemark;

export interface KmlDocument {
  name: string;
  description?: string;
  styles: readonly KmlStyle[];
  children: readonly KmlNode[];
  /** Human labels of ExtendedData names (`<displayName>`), e.g. areaKm2 → "Area (km²)". */
  displayNames?: Readonly<Record<string, string>>;
}

/**
 * A CSS colour (#rrggbb) and an opacity in [0, 1] as KML's `aabbggrr` (alpha, blue, green, red;
 * lower-case hex; alpha = round(255·opacity)).
 */
export function kmlColor(css: string, opacity: number): string {
  if (!(opacity >= 0 && opacity <= 1)) throw new RangeError(`opacity must be in [0, 1], got ${opacity}`);
  const [r, g, b] = parseColor(css);
  const hex = (v: number) => v.toString(16).padStart(2, '0');
  return `${hex(Math.round(opacity * 255))}${hex(b)}${hex(g)}${hex(r)}`;
}

/**
 * An element in fast-xml-parser's ordered form: `{ tag: children, ':@': { '@_attr': value } }`,
 * text as `{ '#text': value }`.
 */
type XmlNode = Record<string, unknown>;

/** An element with children (and attributes) in document order. */
class XmlElement {
  readonly children: XmlNode[] = [];
  constructor(
    readonly name: string,
    readonly attrs: Record<string, string> = {},
  ) {}

  /** Appends a child element and returns it. */
  ele(name: string, attrs: Record<string, string> = {}): XmlElement {
    const e = new XmlElement(name, attrs);
    this.children.push(e.node());
    return e;
  }

  /** Appends a child element holding text. */
  text(name: string, value: string): void {
    this.ele(name).children.push({ '#text': xmlSafe(value) });
  }

  node(): XmlNode {
    const attrs = Object.entries(this.attrs);
    return { [this.name]: this.children, ...(attrs.length ? { ':@': Object.fromEntries(attrs.map(([k, v]) => [`@_${k}`, xmlSafe(v)])) } : {}) };
  }
}

const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `s` with the characters XML 1.0 cannot carry replaced by U+FFFD. */
export function xmlSafe(s: string): string {
  return s.replace(XML_INVALID, '\uFFFD');
}

function checkPosition(p: Position): void {
  const [lon, lat] = p;
  // kml:longitude is in [−180, 180], kml:latitude in [−90, 90] (ogckml22.xsd: kml:longitude, kml:latitude).
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
    throw new RangeError(`coordinate (${lon}, ${lat}) is not a longitude in [-180, 180] and a latitude in [-90, 90], degrees`);
}

/** Twice the signed area of a ring in the lon/lat plane (positive = counter-clockwise). */
function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

function coordinates(ring: readonly Position[]): string {
  for (const p of ring) checkPosition(p);
  return ring.map((p) => `${p[0]},${p[1]}`).join(' ');
}

function linearRing(parent: XmlElement, boundary: 'outerBoundaryIs' | 'innerBoundaryIs', ring: readonly Position[]): void {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4 || first[0] !== last[0] || first[1] !== last[1])
    throw new RangeError(`a polygon ring must be closed with at least 4 positions, got ${ring.length}`);
  const ccw = signedArea2(ring) > 0;
  if (ccw !== (boundary === 'outerBoundaryIs'))
    throw new RangeError(`${boundary} must wind ${boundary === 'outerBoundaryIs' ? 'counter-clockwise' : 'clockwise'}`);
  parent.ele(boundary).ele('LinearRing').text('coordinates', coordinates(ring));
}

function polygon(parent: XmlElement, rings: readonly (readonly Position[])[]): void {
  const p = parent.ele('Polygon');
  p.text('altitudeMode', 'clampToGround');
  linearRing(p, 'outerBoundaryIs', rings[0]);
  for (let h = 1; h < rings.length; h++) linearRing(p, 'innerBoundaryIs', rings[h]);
}

function geometry(parent: XmlElement, g: Geometry | null): void {
  if (g === null) return;
  switch (g.type) {
    case 'Point': {
      checkPosition(g.coordinates);
      const p = parent.ele('Point');
      p.text('altitudeMode', 'clampToGround');
      p.text('coordinates', `${g.coordinates[0]},${g.coordinates[1]}`);
      return;
    }
    case 'Polygon':
      polygon(parent, g.coordinates);
      return;
    case 'MultiPolygon': {
      if (g.coordinates.length === 0) return;
      const m = parent.ele('MultiGeometry');
      for (const rings of g.coordinates) polygon(m, rings);
      return;
    }
    default:
      throw new TypeError(`geometry type ${g.type} is not written to KML`);
  }
}

function style(parent: XmlElement, s: KmlStyle): void {
  const e = parent.ele('Style', { id: s.id });
  if (s.icon) {
    const i = e.ele('IconStyle');
    i.text('color', kmlColor(s.icon.color, s.icon.opacity));
    i.text('scale', String(s.icon.scale));
  }
  if (s.line) {
    const l = e.ele('LineStyle');
    l.text('color', kmlColor(s.line.color, s.line.opacity));
    l.text('width', String(s.line.widthPx));
  }
  if (s.poly) {
    const p = e.ele('PolyStyle');
    p.text('color', kmlColor(s.poly.color, s.poly.opacity));
    if (s.poly.fill !== undefined) p.text('fill', s.poly.fill ? '1' : '0');
    if (s.poly.outline !== undefined) p.text('outline', s.poly.outline ? '1' : '0');
  }
  if (s.listItemType) e.ele('ListStyle').text('listItemType', s.listItemType);
}

function featureHead(
  e: XmlElement,
  f: { name: string; visible?: boolean; open?: boolean; description?: string; styleId?: string },
  styleIds: ReadonlySet<string>,
): void {
  e.text('name', f.name);
  if (f.visible !== undefined) e.text('visibility', f.visible ? '1' : '0');
  if (f.open !== undefined) e.text('open', f.open ? '1' : '0');
  if (f.description !== undefined) e.text('description', f.description);
  if (f.styleId !== undefined) {
    if (!styleIds.has(f.styleId)) throw new RangeError(`style "${f.styleId}" is not among the document's styles`);
    e.text('styleUrl', `#${f.styleId}`);
  }
}

function dataText(key: string, v: KmlValue): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`data ${key} must be a finite number, got ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  throw new TypeError(`data ${key} must be a string, number or boolean, got ${typeof v}`);
}

function node(parent: XmlElement, n: KmlNode, doc: KmlDocument, styleIds: ReadonlySet<string>): void {
  if (n.kind === 'folder') {
    const f = parent.ele('Folder');
    featureHead(f, n, styleIds);
    for (const c of n.children) node(f, c, doc, styleIds);
    return;
  }
  const p = parent.ele('Placemark');
  featureHead(p, n, styleIds);
  const entries = Object.entries(n.data).filter((e): e is [string, KmlValue] => e[1] !== undefined && e[1] !== null);
  if (entries.length > 0) {
    const x = p.ele('ExtendedData');
    for (const [key, v] of entries) {
      const d = x.ele('Data', { name: key });
      const label = doc.displayNames?.[key];
      if (label !== undefined) d.text('displayName', label);
      d.text('value', dataText(key, v));
    }
  }
  geometry(p, n.geometry);
}

/** The KML text of a document (UTF-8, indented). */
export function kmlText(doc: KmlDocument): string {
  const styleIds = new Set<string>();
  for (const s of doc.styles) {
    if (styleIds.has(s.id)) throw new RangeError(`style id "${s.id}" is used twice`);
    styleIds.add(s.id);
  }
  const root = new XmlElement('kml', { xmlns: KML_NAMESPACE });
  const d = root.ele('Document');
  featureHead(d, { name: doc.name, open: true, description: doc.description }, styleIds);
  for (const s of doc.styles) style(d, s);
  for (const c of doc.children) node(d, c, doc, styleIds);
  const xml = new XMLBuilder({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
  }).build([root.node()]) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.trimStart()}${xml.endsWith('\n') ? '' : '\n'}`;
}
