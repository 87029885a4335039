/**
 * KMZ: a ZIP archive (PKWARE APPNOTE, deflate) whose first entry is the KML document `doc.kml`,
 * the entry Google Earth opens (Google's KMZ conventions). Zipped with fflate. Entries carry a
 * fixed modification time (1980-01-01, the ZIP epoch), so the same KML always gives the same
 * bytes — the CLI's file and the server's download are identical.
 */
import { strToU8, zipSync } from 'fflate';

/** Modification time written in the archive: the earliest a ZIP (DOS) date can hold. */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/** The KMZ bytes holding `kml` as `doc.kml`. */
export function kmzBytes(kml: string): Uint8Array {
  return zipSync({ 'doc.kml': [strToU8(kml), { level: 6, mtime: ZIP_EPOCH }] });
}
