/**
 * Public DEM tile sources Parapet can fetch, and the cache layout they land in.
 *
 * - copernicus-90 / copernicus-30: Copernicus DEM GLO-90 / GLO-30 (ESA / Airbus, free licence),
 *   1° Cloud-Optimized GeoTIFFs in the AWS open-data buckets; a tile that does not exist is open
 *   sea (the buckets hold land tiles only).
 * - srtm: SRTM 1″/3″ as gzipped .hgt in the AWS Terrain Tiles "skadi" layout (Mapzen/Tilezen).
 *
 * Cache: DIR/<source>/<file>, plus DIR/<source>/<tile>.sea for a tile the server says does not
 * exist. DIR defaults to $XDG_CACHE_HOME/parapet/dem (~/.cache/parapet/dem).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEM_SOURCE_IDS, type DemSourceId } from '@parapet/core';
import { tileName } from './hgt.js';

export interface DemSourceInfo {
  id: DemSourceId;
  title: string;
  /** Default base URL (tests point it at a local server). */
  baseUrl: string;
  /** Cache file name of the tile with south-west corner (lat, lon). */
  fileName(lat: number, lon: number): string;
  /** Path of that tile under the base URL. */
  urlPath(lat: number, lon: number): string;
  attribution: string;
}

function copernicusName(res: '10' | '30', lat: number, lon: number): string {
  const ns = lat < 0 ? 'S' : 'N';
  const ew = lon < 0 ? 'W' : 'E';
  return `Copernicus_DSM_COG_${res}_${ns}${String(Math.abs(lat)).padStart(2, '0')}_00_${ew}${String(Math.abs(lon)).padStart(3, '0')}_00_DEM`;
}

export const DEM_SOURCES: Record<DemSourceId, DemSourceInfo> = {
  'copernicus-90': {
    id: 'copernicus-90',
    title: 'Copernicus DEM GLO-90',
    baseUrl: 'https://copernicus-dem-90m.s3.amazonaws.com',
    fileName: (lat, lon) => `${copernicusName('30', lat, lon)}.tif`,
    urlPath: (lat, lon) => `${copernicusName('30', lat, lon)}/${copernicusName('30', lat, lon)}.tif`,
    attribution: '© DLR e.V. 2010–2014 and © Airbus Defence and Space GmbH 2014–2018, provided under COPERNICUS by the European Union and ESA',
  },
  'copernicus-30': {
    id: 'copernicus-30',
    title: 'Copernicus DEM GLO-30',
    baseUrl: 'https://copernicus-dem-30m.s3.amazonaws.com',
    fileName: (lat, lon) => `${copernicusName('10', lat, lon)}.tif`,
    urlPath: (lat, lon) => `${copernicusName('10', lat, lon)}/${copernicusName('10', lat, lon)}.tif`,
    attribution: '© DLR e.V. 2010–2014 and © Airbus Defence and Space GmbH 2014–2018, provided under COPERNICUS by the European Union and ESA',
  },
  srtm: {
    id: 'srtm',
    title: 'SRTM (AWS Terrain Tiles, skadi)',
    baseUrl: 'https://elevation-tiles-prod.s3.amazonaws.com/skadi',
    fileName: (lat, lon) => `${tileName(lat, lon)}.hgt.gz`,
    urlPath: (lat, lon) => `${tileName(lat, lon).slice(0, 3)}/${tileName(lat, lon)}.hgt.gz`,
    attribution: 'SRTM: NASA/NGA/USGS, public domain; tiles by Mapzen/Tilezen on AWS Open Data',
  },
};

export function isDemSourceId(s: string): s is DemSourceId {
  return (DEM_SOURCE_IDS as readonly string[]).includes(s);
}

/** The default DEM cache: $XDG_CACHE_HOME/parapet/dem, else ~/.cache/parapet/dem. */
export function defaultDemCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), '.cache'), 'parapet', 'dem');
}

/** South-west corners of the 1° tiles a box touches. */
export function tilesForBBox(bbox: { westDeg: number; southDeg: number; eastDeg: number; northDeg: number }): { lat: number; lon: number }[] {
  const out: { lat: number; lon: number }[] = [];
  const lat0 = Math.floor(bbox.southDeg);
  const lat1 = Math.max(lat0, Math.ceil(bbox.northDeg) - 1);
  const lon0 = Math.floor(bbox.westDeg);
  const lon1 = Math.max(lon0, Math.ceil(bbox.eastDeg) - 1);
  for (let lat = lat0; lat <= lat1; lat++) {
    for (let lon = lon0; lon <= lon1; lon++) out.push({ lat, lon: lon >= 180 ? lon - 360 : lon });
  }
  return out;
}
