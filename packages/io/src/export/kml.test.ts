import { kml as toGeoJson } from '@tmcw/togeojson';
import { describe, expect, it } from 'vitest';
import { kmlSchemaProblems, parseXml } from '../../test/support/kml-schema.js';
import { kmlColor, kmlText, type KmlDocument } from './kml.js';
import { kmzBytes } from './kmz.js';
import { inflateRawSync } from 'node:zlib';

/** A square ring (closed) around (lon, lat); ccw = counter-clockwise in lon/lat. */
const square = (lon: number, lat: number, d: number, ccw: boolean) => {
  const r = [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ];
  return ccw ? r : r.reverse();
};

const doc = (over: Partial<KmlDocument> = {}): KmlDocument => ({
  name: 'Test & <KML> "doc", written R&amp;D',
  styles: [{ id: 'a', poly: { color: '#ee7a2f', opacity: 0.5 }, line: { color: '#ee7a2f', opacity: 1, widthPx: 1 } }],
  children: [
    {
      kind: 'folder',
      name: 'F',
      children: [
        {
          kind: 'placemark',
          name: 'with a hole',
          styleId: 'a',
          data: { areaKm2: 12.5, kind: 'engage', ok: true, skipped: undefined },
          geometry: { type: 'MultiPolygon', coordinates: [[square(125, 38, 1, true), square(125, 38, 0.5, false)]] },
        },
      ],
    },
  ],
  ...over,
});

describe('kmlColor', () => {
  it('writes alpha, blue, green, red (KML 2.2 kml:color, aabbggrr)', () => {
    // #e9b824 at 0.3: alpha round(0.3·255) = 77 = 0x4d; blue 0x24, green 0xb8, red 0xe9.
    expect(kmlColor('#e9b824', 0.3)).toBe('4d24b8e9');
    expect(kmlColor('#000000', 1)).toBe('ff000000');
    expect(kmlColor('#0000ff', 0)).toBe('00ff0000');
    expect(() => kmlColor('#000000', 1.5)).toThrow(/opacity must be in \[0, 1\], got 1.5/);
  });
});

describe('kmlText', () => {
  it('writes a document that parses, meets the schema sequences and round-trips through togeojson', () => {
    const text = kmlText(doc());
    const xml = parseXml(text);
    expect(kmlSchemaProblems(xml.documentElement!)).toEqual([]);
    // Every & is escaped, also one that starts an entity-like "&amp;" in the text.
    expect(xml.getElementsByTagName('name')[0].textContent).toBe('Test & <KML> "doc", written R&amp;D');
    const fc = toGeoJson(xml);
    expect(fc.features).toHaveLength(1);
    const f = fc.features[0];
    // undefined values are left out; the rest come back as text.
    expect(f.properties).toMatchObject({ areaKm2: '12.5', kind: 'engage', ok: 'true', fill: '#ee7a2f', 'fill-opacity': 128 / 255 });
    expect(f.properties).not.toHaveProperty('skipped');
    expect(f.geometry).toEqual({ type: 'Polygon', coordinates: [square(125, 38, 1, true), square(125, 38, 0.5, false)] });
  });

  it('replaces characters XML 1.0 cannot carry', () => {
    const text = kmlText(doc({ name: 'bell\u0007 and lone \ud800 surrogate' }));
    expect(parseXml(text).getElementsByTagName('name')[0].textContent).toBe('bell\ufffd and lone \ufffd surrogate');
  });

  it('refuses an open ring, a clockwise outer ring, a counter-clockwise hole, a position off the globe and an unknown style', () => {
    const withGeometry = (coordinates: number[][][][]) =>
      doc({ children: [{ kind: 'placemark', name: 'p', data: {}, geometry: { type: 'MultiPolygon', coordinates } }] });
    expect(() => kmlText(withGeometry([[square(125, 38, 1, true).slice(0, 4)]]))).toThrow(/must be closed/);
    expect(() => kmlText(withGeometry([[square(125, 38, 1, false)]]))).toThrow(/outerBoundaryIs must wind counter-clockwise/);
    expect(() => kmlText(withGeometry([[square(125, 38, 1, true), square(125, 38, 0.5, true)]]))).toThrow(/innerBoundaryIs must wind clockwise/);
    expect(() => kmlText(withGeometry([[square(125, 95, 1, true)]]))).toThrow(/is not a longitude in \[-180, 180\] and a latitude in \[-90, 90\]/);
    expect(() => kmlText(doc({ children: [{ kind: 'placemark', name: 'p', styleId: 'nope', data: {}, geometry: null }] }))).toThrow(
      /style "nope" is not among/,
    );
  });
});

describe('kmzBytes', () => {
  it('is a ZIP whose first entry is doc.kml holding the KML (read with zlib, not the writer)', () => {
    const text = kmlText(doc());
    const zip = Buffer.from(kmzBytes(text));
    // PKWARE APPNOTE 4.3.7: local file header, signature 0x04034b50, method at 8, compressed size
    // at 18, name length at 26, extra length at 28, name at 30.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    const extraLength = zip.readUInt16LE(28);
    expect(zip.toString('latin1', 30, 30 + nameLength)).toBe('doc.kml');
    expect(zip.readUInt16LE(8)).toBe(8); // deflate
    const start = 30 + nameLength + extraLength;
    const data = inflateRawSync(zip.subarray(start, start + zip.readUInt32LE(18)));
    expect(data.toString('utf8')).toBe(text);
    // The same KML gives the same bytes (fixed entry time).
    expect(Buffer.from(kmzBytes(text)).equals(zip)).toBe(true);
  });
});
