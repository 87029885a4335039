/**
 * A check of a KML document against the content models of the OGC KML 2.2 schema (ogckml22.xsd,
 * OGC 07-147r2) for the elements Parapet writes. The XSD itself is in no npm or Debian package
 * available here, so its sequences are transcribed below from the schema (each type's sequence
 * after its base types'; substitution groups expanded to the members we use): a child must be one
 * the type allows, in the schema's order, and a non-repeating child at most once. Simple types:
 * kml:color is hexBinary of 4 bytes (aabbggrr), booleans 0/1/true/false, doubles, and the
 * enumerations of altitudeMode and listItemType; `coordinates` is whitespace-separated
 * lon,lat[,alt] tuples in degrees.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

export const KML_NS = 'http://www.opengis.net/kml/2.2';

type Child = [name: string, repeats?: '*'];

// AbstractFeatureType (ObjectType → FeatureType): the head of Document, Folder and Placemark.
const FEATURE: Child[] = [
  ['name'],
  ['visibility'],
  ['open'],
  ['address'],
  ['phoneNumber'],
  ['Snippet'],
  ['description'],
  ['LookAt'],
  ['TimeStamp'],
  ['styleUrl'],
  ['Style', '*'],
  ['Region'],
  ['ExtendedData'],
];
const FEATURES: Child[] = [
  ['Document', '*'],
  ['Folder', '*'],
  ['Placemark', '*'],
];
const GEOMETRIES: Child[] = [['Point'], ['Polygon'], ['MultiGeometry'], ['LineString']];

/** Per element: its children in schema order. Elements in one "choice" group share an index. */
const CONTENT: Record<string, Child[][]> = {
  kml: [[['NetworkLinkControl']], FEATURES.map(([n]) => [n])],
  Document: [...FEATURE.map((c) => [c]), [['Schema', '*']], FEATURES],
  Folder: [...FEATURE.map((c) => [c]), FEATURES],
  Placemark: [...FEATURE.map((c) => [c]), GEOMETRIES],
  Style: [[['IconStyle']], [['LabelStyle']], [['LineStyle']], [['PolyStyle']], [['BalloonStyle']], [['ListStyle']]],
  IconStyle: [[['color']], [['colorMode']], [['scale']], [['heading']], [['Icon']], [['hotSpot']]],
  LabelStyle: [[['color']], [['colorMode']], [['scale']]],
  LineStyle: [[['color']], [['colorMode']], [['width']]],
  PolyStyle: [[['color']], [['colorMode']], [['fill']], [['outline']]],
  ListStyle: [[['listItemType']], [['bgColor']], [['ItemIcon', '*']], [['maxSnippetLines']]],
  ExtendedData: [[['Data', '*']], [['SchemaData', '*']]],
  Data: [[['displayName']], [['value']]],
  Point: [[['extrude']], [['altitudeMode']], [['coordinates']]],
  Polygon: [[['extrude']], [['tessellate']], [['altitudeMode']], [['outerBoundaryIs']], [['innerBoundaryIs', '*']]],
  outerBoundaryIs: [[['LinearRing']]],
  innerBoundaryIs: [[['LinearRing']]],
  LinearRing: [[['extrude']], [['tessellate']], [['altitudeMode']], [['coordinates']]],
  MultiGeometry: [GEOMETRIES.map(([n]) => [n, '*'] as Child)],
};

const BOOLEAN = /^(0|1|true|false)$/;
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SIMPLE: Record<string, RegExp> = {
  name: /[\s\S]*/,
  description: /[\s\S]*/,
  styleUrl: /^\S*$/,
  visibility: BOOLEAN,
  open: BOOLEAN,
  fill: BOOLEAN,
  outline: BOOLEAN,
  extrude: BOOLEAN,
  tessellate: BOOLEAN,
  color: /^[0-9a-fA-F]{8}$/,
  bgColor: /^[0-9a-fA-F]{8}$/,
  width: DOUBLE,
  scale: DOUBLE,
  altitudeMode: /^(clampToGround|relativeToGround|absolute)$/,
  listItemType: /^(radioFolder|check|checkHideChildren|checkOffOnly)$/,
  displayName: /[\s\S]*/,
  value: /[\s\S]*/,
};

function elementChildren(e: Element): Element[] {
  const out: Element[] = [];
  for (let n = e.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** Every violation found under `root` (the `<kml>` element), as "path: message" lines. */
export function kmlSchemaProblems(root: Element): string[] {
  const problems: string[] = [];
  if (root.localName !== 'kml' || root.namespaceURI !== KML_NS) problems.push(`root: expected {${KML_NS}}kml, got {${root.namespaceURI}}${root.localName}`);
  const visit = (e: Element, path: string): void => {
    if (e.namespaceURI !== KML_NS) problems.push(`${path}: namespace ${e.namespaceURI}`);
    const name = e.localName ?? '';
    const children = elementChildren(e);
    const model = CONTENT[name];
    if (model) {
      let at = 0;
      const seen = new Set<string>();
      for (const c of children) {
        const cn = c.localName ?? '';
        const idx = model.findIndex((group) => group.some(([n]) => n === cn));
        if (idx < 0) problems.push(`${path}/${cn}: not allowed in ${name}`);
        else if (idx < at) problems.push(`${path}/${cn}: out of order in ${name} (schema sequence)`);
        else {
          const repeats = model[idx].find(([n]) => n === cn)![1] === '*';
          if (!repeats && seen.has(cn)) problems.push(`${path}/${cn}: repeated in ${name}`);
          seen.add(cn);
          at = idx;
        }
      }
    } else if (name === 'coordinates') {
      const tuples = (e.textContent ?? '').trim().split(/\s+/);
      for (const t of tuples) {
        const parts = t.split(',').map(Number);
        if (parts.length < 2 || parts.length > 3 || parts.some((x) => !Number.isFinite(x))) problems.push(`${path}: bad tuple "${t}"`);
        else if (!(parts[0] >= -180 && parts[0] <= 180 && parts[1] >= -90 && parts[1] <= 90)) problems.push(`${path}: ${t} is not lon,lat in degrees`);
      }
    } else if (SIMPLE[name]) {
      if (children.length > 0) problems.push(`${path}: ${name} must be text`);
      else if (!SIMPLE[name].test((e.textContent ?? '').trim())) problems.push(`${path}: bad ${name} "${e.textContent}"`);
    } else problems.push(`${path}: element ${name} not expected`);
    children.forEach((c, i) => visit(c, `${path}/${c.localName}[${i}]`));
  };
  visit(root, '/kml');
  return problems;
}

/** Parses XML with xmldom, failing on any error of the parser (warnings, e.g. on U+FFFD, pass). */
export function parseXml(text: string) {
  return new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${msg}`);
    },
  }).parseFromString(text, 'text/xml');
}
