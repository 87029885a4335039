/**
 * The report's PDF: the HTML file printed by headless Chromium (playwright-core driving the
 * system's Chromium — Debian's `chromium` — never a downloaded browser), A4 with page numbers.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import escapeHtml from 'escape-html';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** Where Chromium is looked for when PARAPET_CHROMIUM is not set. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'] as const;

/** No Chromium to print the PDF with (the message says where it was looked for; callers add how to do without). */
export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/** The Chromium executable: PARAPET_CHROMIUM if set (it must exist), else the first candidate found. */
export function findChromium(): string {
  const env = process.env.PARAPET_CHROMIUM;
  if (env) {
    if (existsSync(env)) return env;
    throw new ChromiumNotFoundError(`PARAPET_CHROMIUM is ${env}, which does not exist: the PDF needs Chromium (apt-get install chromium)`);
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found)
    throw new ChromiumNotFoundError(
      `no Chromium found (looked for ${CHROMIUM_CANDIDATES.join(', ')}; set PARAPET_CHROMIUM to its path): the PDF needs Chromium (apt-get install chromium)`,
    );
  return found;
}

/**
 * Pages of a PDF written by Chromium (Skia): the largest /Count of its /Type /Pages nodes, which
 * is the root's. Skia writes the page tree as plain (uncompressed) objects.
 */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let pages = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g))
    pages = Math.max(pages, Number(m[1] ?? m[2]));
  if (pages === 0) throw new Error('no page tree found in the PDF');
  return pages;
}

export interface PdfRenderer {
  /** Chromium's version string, e.g. "140.0.7339.185". */
  version: string;
  /** Prints `htmlFile` to `pdfFile`; returns its page count and size. */
  render(htmlFile: string, pdfFile: string, footer: string): Promise<{ pages: number; bytes: number }>;
  close(): Promise<void>;
}

export async function openPdfRenderer(executablePath: string = findChromium()): Promise<PdfRenderer> {
  const browser: Browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    version: browser.version(),
    async render(htmlFile, pdfFile, footer) {
      const page = await browser.newPage();
      let pdf: Buffer;
      try {
        await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: `<div style="font: 8px 'DejaVu Sans', sans-serif; color: #666; width: 100%; padding: 0 16mm; display: flex; justify-content: space-between"><span>${escapeHtml(footer)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
          margin: { top: '16mm', bottom: '18mm', left: '18mm', right: '18mm' },
        });
      } finally {
        await page.close();
      }
      writeFileAtomic(pdfFile, pdf);
      return { pages: pdfPageCount(pdf), bytes: pdf.length };
    },
    close: () => browser.close(),
  };
}
