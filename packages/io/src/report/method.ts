/**
 * The report's method section: each model in plain words, with the literature that the model
 * notes (docs/models/*.md, docs/simulation.md, docs/terrain.md) cite for it. The wording follows
 * those notes; when a note changes, this text should change with it (report-method.test.ts checks
 * that every note named here exists and still cites the works listed for it).
 */
import escapeHtml from 'escape-html';
import type { Reference, References } from './citations.js';

/** The works the model notes cite, as reference entries. */
export const LITERATURE = {
  skolnikIntro: {
    text: 'M. I. Skolnik, Introduction to Radar Systems, 3rd ed., McGraw-Hill, 2001 (eq. 2.1, the radar equation; §2.12, cumulative probability of detection; §8.4, refraction)',
    usedIn: 'docs/models/detection-range.md, pd-swerling.md, horizon.md',
  },
  skolnikHandbook: {
    text: 'M. I. Skolnik (ed.), Radar Handbook, 3rd ed., McGraw-Hill, 2008 (ch. 13, phased array antennas; ch. 14, radar cross section; ch. 24, electronic counter-countermeasures)',
    usedIn: 'docs/models/aspect.md, bands.md, sectors.md, jamming.md',
  },
  itu834: { text: 'ITU-R Recommendation P.834, Effects of tropospheric refraction on radiowave propagation', usedIn: 'docs/models/horizon.md' },
  karney: {
    text: 'C. F. F. Karney, "Algorithms for geodesics", Journal of Geodesy 87(1), 43–55, 2013 (the GeographicLib algorithms)',
    url: 'https://doi.org/10.1007/s00190-012-0578-z',
    usedIn: 'core/geo/geodesic.ts (WGS84 geodesics)',
  },
  diFranco: { text: 'J. V. DiFranco, W. L. Rubin, Radar Detection, Prentice-Hall, 1968, ch. 10', usedIn: 'docs/models/pd-swerling.md' },
  meyerMayer: {
    text: 'D. P. Meyer, H. A. Mayer, Radar Target Detection: Handbook of Theory and Practice, Academic Press, 1973',
    usedIn: 'docs/models/pd-swerling.md',
  },
  richards: { text: 'M. A. Richards, Fundamentals of Radar Signal Processing, McGraw-Hill, 2005, §6.2', usedIn: 'docs/models/pd-swerling.md' },
  shnidman1989: {
    text: 'D. A. Shnidman, "The calculation of the probability of detection and the generalized Marcum Q-function", IEEE Transactions on Information Theory 35(2), 1989',
    usedIn: 'docs/models/pd-swerling.md',
  },
  ieee521: { text: 'IEEE Std 521-2019, IEEE Standard Letter Designations for Radar-Frequency Bands', usedIn: 'docs/models/bands.md' },
  knott: { text: 'E. F. Knott, J. F. Shaeffer, M. T. Tuley, Radar Cross Section, 2nd ed., Artech House, 1993', usedIn: 'docs/models/aspect.md, bands.md' },
  tp8347: {
    text: 'NAWCWPNS TP 8347, Electronic Warfare and Radar Systems Engineering Handbook, Naval Air Warfare Center Weapons Division, 1997 (rev. 2012 as NAWCWD TP 8347), §2-9, §4-7 to §4-10',
    usedIn: 'docs/models/jamming.md, sectors.md',
  },
  newcombe: {
    text: 'R. G. Newcombe, "Two-sided confidence intervals for the single proportion" and "Interval estimation for the difference between independent proportions", Statistics in Medicine 17, 1998',
    usedIn: 'docs/simulation.md (Wilson score intervals, method 3; hybrid score interval of a difference, method 10)',
  },
  kish: { text: 'L. Kish, Survey Sampling, Wiley, 1965 (design effect)', usedIn: 'docs/simulation.md (effective sample size of clustered outcomes)' },
} as const satisfies Record<string, Reference>;

type Lit = keyof typeof LITERATURE;

export interface MethodPart {
  title: string;
  /** The notes (paths in the repository) this part summarises. */
  docs: string[];
  /** Sentences; `{key}` places a citation of LITERATURE[key]. */
  paragraphs: string[];
}

/** The models, in the order an analysis applies them. */
export const METHOD: readonly MethodPart[] = [
  {
    title: 'Geometry and line of sight',
    docs: ['docs/models/horizon.md', 'docs/terrain.md'],
    paragraphs: [
      'The region is a grid of cells of the scenario’s resolution. Distances and azimuths from each site to every cell are WGS84 geodesics {karney}. Radio waves bend slightly in the atmosphere; as is usual, this is modelled by drawing straight rays over an earth of 4/3 its real radius {skolnikIntro}{itu834}. A target is in line of sight of a radar when it stands above the lowest height the radar can see at that distance: on a smooth earth that height grows with the square of the distance beyond the radar’s horizon, which is why low-flying aircraft and cruise missiles are seen late whatever a radar’s published range.',
      'When the scenario names a digital elevation model, the lowest visible height is computed over the terrain by a horizon sweep along each azimuth from each site (the ridges that mask what lies behind them); otherwise the earth is smooth. There is no diffraction over the horizon or over ridges.',
    ],
  },
  {
    title: 'Detection',
    docs: ['docs/models/detection-range.md', 'docs/models/pd-swerling.md', 'docs/models/bands.md', 'docs/models/aspect.md', 'docs/models/sectors.md'],
    paragraphs: [
      'Public sources give, at best, a radar’s detection range against a target of a stated size (radar cross section, RCS). Parapet reads that figure as the calibration point of the radar equation, in which the echo falls with the fourth power of range {skolnikIntro}: a target ten times smaller is detected at 0.56 times the range. From the calibration point it solves the signal-to-noise ratio the radar needs, then the range at which a target of the threat’s RCS is detected with the analysis’ probability of detection (single-scan Pd, 0.5 unless the scenario says otherwise), using the exact Swerling fluctuating-target detection probabilities {diFranco}{meyerMayer}{richards}{shnidman1989}. The range never exceeds the radar’s instrumented range.',
      'A threat’s RCS depends on the radar’s frequency band (IEEE letter bands {ieee521}) and on the aspect it shows the radar {knott}{skolnikHandbook}: a stealth aircraft is far larger to a VHF early-warning radar than to an X-band fire-control radar. The maps assume one aspect toward every radar (front unless the scenario says otherwise). Radars with a limited azimuth sector see only within it, and radars with an elevation limit have a cone of silence above them {skolnikHandbook}{tp8347}.',
    ],
  },
  {
    title: 'Engagement',
    docs: ['docs/models/engagement.md'],
    paragraphs: [
      'A missile can engage a target where all of the following hold: its guidance radar detects the target (line of sight, altitude, sector, range at the Pd threshold), the target is within the missile’s minimum and maximum range from that radar, above the missile’s minimum and below its maximum altitude, and no faster than its maximum target speed. The envelope is the public range and altitude figures intersected with detection — an upper bound on the real engagement zone: no kinematic no-escape zone, no launcher apart from the radar.',
      'The range ring (every cell within the longest missile range of some site) is shown beside the real engaged area, because the difference between the two at each altitude is the lesson of the analysis. “Seen but not engageable” marks the cells where some radar detects the target but no missile can be guided onto it — the stealth question.',
    ],
  },
  {
    title: 'Noise jamming',
    docs: ['docs/models/jamming.md'],
    paragraphs: [
      'A stand-off noise jammer raises the noise in each radar receiver of the bands it covers, in proportion to its effective radiated power and the radar’s receive gain toward it (main lobe when the radar looks within half a beamwidth of the jammer, sidelobes otherwise), and falling with the square of its distance {tp8347}{skolnikHandbook}. The radar then detects only where the echo beats noise plus jamming: the burn-through range. Jamming acts only when the jammer is above the radar’s horizon. Only continuous noise jamming is modelled: no deception, no counter-countermeasures, which real radars have — the model overstates a stand-off jammer’s effect.',
    ],
  },
  {
    title: 'Uncertainty across the sources',
    docs: ['docs/models/uncertainty.md'],
    paragraphs: [
      'Every catalog value keeps the spread of its public sources (low and high beside the nominal). The whole analysis is run three times: at the low reading (every value at the end of its spread that makes coverage smallest), at the nominal values, and at the high reading (the coverage-maximising end). A figure is written as nominal with the range over the three readings, “41,000 km² (28,000–63,000)”; on the band maps the darkest tone is covered under every reading and the lightest only if the generous sources are right. This is not a confidence interval: the readings are bounds stated by sources, with no distribution over them, and the low reading takes every value at its worst at once.',
    ],
  },
  {
    title: 'Minimum detectable altitude',
    docs: ['docs/models/horizon.md', 'docs/models/detection-range.md'],
    paragraphs: [
      'Per cell, the lowest altitude at which some radar of the scenario detects the threat there: in line of sight, within its detection range against that threat, and below its altitude limit. It is the map that answers “how low must an aircraft fly to pass unseen”.',
    ],
  },
  {
    title: 'Raid simulation',
    docs: ['docs/simulation.md'],
    paragraphs: [
      'The notional raids are flown along their waypoints at constant speed, many times over with independent random numbers (Monte Carlo). Every searching radar scans with its catalog period and detects a target at each scan with the Swerling probability for the RCS it sees at that moment (band, aspect from the route, jamming); a track forms after two detections in three scans. Fire units cued by any track fire when they have channels and missiles ready and the intercept point lies in the missile’s envelope; each missile kills with the catalog’s notional probability. Survival is reported with 95% Wilson score intervals {newcombe} widened by the design effect of targets that share one defense in a run {kish}; the change between two scenarios carries Newcombe’s hybrid score interval {newcombe}. It is an educational outcome model, not a prediction: no guidance laws, no fire-control logic beyond these rules, no route optimisation.',
    ],
  },
];

/** The section's HTML: one subsection per model, citations numbered by `refs`. */
export function methodHtml(refs: References, parts: readonly MethodPart[] = METHOD, opts: { raids: boolean; jamming: boolean }): string {
  return parts
    .filter((p) => (p.title === 'Raid simulation' ? opts.raids : p.title === 'Noise jamming' ? opts.jamming : true))
    .map((p) => {
      const paras = p.paragraphs.map((text) => {
        // Escape the prose, then put the citations in: "{a}{b}" becomes one "[1, 2]".
        const escaped = escapeHtml(text);
        const withCites = escaped.replace(/(?:\{(\w+)\})+/g, (run) => {
          const keys = [...run.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as Lit);
          for (const k of keys) if (!(k in LITERATURE)) throw new Error(`method text cites unknown work "${k}"`);
          return `&nbsp;${refs.cite(...keys.map((k) => LITERATURE[k]))}`;
        });
        return `<p>${withCites}</p>`;
      });
      const docs = p.docs.map((d) => `<code>${escapeHtml(d)}</code>`).join(', ');
      return `<h3>${escapeHtml(p.title)}</h3>\n${paras.join('\n')}\n<p class="model-notes">Model notes: ${docs}.</p>`;
    })
    .join('\n');
}
