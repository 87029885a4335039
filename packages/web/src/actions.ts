/**
 * What the user can do, as functions of the store: open, save and edit the scenario, select,
 * choose what to show, explain. Components call these; the state they change is in store.ts, and
 * edits start the coverage runner.
 */
import { batch } from '@preact/signals-core';
import { api, type ExplainSubject } from './api.js';
import type { CoverageRunner } from './coverage-runner.js';
import type { LayerKind } from './map/raster.js';
import { newScenarioText, ScenarioDoc } from './scenario-doc.js';
import type { AddMode, Store } from './store.js';
import { h } from './ui/dom.js';

export type Actions = ReturnType<typeof createActions>;

export function createActions(s: Store, runner: CoverageRunner) {
  const flash = (message: string, error = false): void => {
    s.flash.value = { message, error };
  };

  const openText = (text: string, fileName: string, origin: string): void => {
    runner.cancel();
    batch(() => {
      s.text.value = text;
      s.doc.value = new ScenarioDoc(text);
      s.fileName.value = fileName;
      s.origin.value = origin;
      s.dirty.value = false;
      s.selectedSite.value = null;
      s.selectedJammer.value = null;
      s.coverage.value = null;
      s.preview.value = null;
      s.problems.value = [];
      const a = s.doc.value.analysis();
      s.threatId.value = a.threats[0] ?? '';
      s.altitudeM.value = a.altitudesM[0] ?? 0;
      const bbox = s.doc.value.bbox();
      if (bbox) s.fitBbox.value = { bbox };
    });
    runner.schedule(0, { edited: false });
  };

  /** Applies an edit to the scenario's YAML (through ScenarioDoc, which keeps comments and layout); `move`: a marker moved. */
  const edit = (fn: (doc: ScenarioDoc) => void, opts: { move?: boolean } = {}): void => {
    const editAt = performance.now();
    const doc = s.doc.peek().edited(fn);
    const text = doc.text;
    // A move's coverage request leaves before the panels redraw (the drag path); other edits are validated first.
    if (opts.move) runner.moved(text, editAt);
    batch(() => {
      s.doc.value = doc;
      s.text.value = text;
      s.dirty.value = true;
    });
    if (!opts.move) runner.schedule(0, { editAt });
  };

  return {
    flash,
    openText,
    edit,
    openExample: async (file: string) => openText(await api.example(file), file, 'example'),
    openWorkspaceFile: async (file: string) => openText(await api.workspaceFile(file), file, 'workspace'),
    upload: async (file: File) => openText(await file.text(), file.name, 'upload'),
    newScenario: () =>
      openText(newScenarioText(s.catalog.peek().systems[0]?.id ?? 's-75', s.catalog.peek().threats[0]?.id ?? 'f-16'), 'new-scenario.yaml', 'new'),

    /** Text typed in the YAML editor: validated after a pause in typing. */
    setText: (text: string): void => {
      batch(() => {
        s.text.value = text;
        s.doc.value = new ScenarioDoc(text);
        s.dirty.value = true;
      });
      runner.schedule(400);
    },

    download: (): void => {
      const blob = new Blob([s.text.peek()], { type: 'text/yaml' });
      const a = h('a', { href: URL.createObjectURL(blob), download: s.fileName.peek() });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    },

    save: async (): Promise<void> => {
      let name = s.fileName.peek();
      const origin = s.origin.peek();
      if (origin !== 'workspace') {
        const asked = prompt('Save to the workspace as:', name.replace(/\.ya?ml$/, '') + (origin === 'example' ? '-edited.yaml' : '.yaml'));
        if (!asked) return;
        name = /\.ya?ml$/.test(asked) ? asked : `${asked}.yaml`;
      }
      try {
        const r = await api.save(name, s.text.peek());
        const workspace = await api.workspace();
        batch(() => {
          s.fileName.value = r.saved.name;
          s.origin.value = 'workspace';
          s.dirty.value = false;
          s.workspace.value = workspace;
        });
        flash(`Saved ${r.saved.name} to ${workspace.dir}${r.problems.length ? ` (with ${r.problems.length} problem(s) still to fix)` : ''}`);
      } catch (e) {
        flash(`Not saved: ${(e as Error).message}`, true);
      }
    },

    run: () => void runner.run(),
    cancel: () => runner.cancel(),

    selectSite: (i: number | null, explainIt = false): void => {
      batch(() => {
        s.selectedSite.value = i;
        s.leftTab.value = 'scenario';
        const site = i === null ? undefined : s.doc.peek().sites()[i];
        if (site && explainIt) s.explain.value = { kind: 'site', id: site.id };
      });
    },
    selectJammer: (i: number | null): void => {
      batch(() => {
        s.selectedJammer.value = i;
        s.leftTab.value = 'scenario';
      });
    },
    deleteSite: (i: number): void => {
      const site = s.doc.peek().sites()[i];
      if (!site || !confirm(`Delete site ${site.id}?`)) return;
      s.selectedSite.value = null;
      edit((d) => d.deleteSite(i));
    },
    setAddMode: (m: AddMode): void => {
      s.addMode.value = m;
      if (m) flash(`Click on the map to add a ${m} (Esc to stop)`);
    },
    /** A click on the map in add mode: a new site (hypothetical, sourced as a Parapet estimate) or place there. */
    addAt: (lonDeg: number, latDeg: number): void => {
      const mode = s.addMode.peek();
      if (mode === 'site') {
        const doc = s.doc.peek();
        const system = doc.sites()[0]?.system || s.catalog.peek().systems[0]?.id || 's-75';
        const id = doc.freeSiteId(`${system}-new`);
        let idx = 0;
        edit((d) => (idx = d.addSite({ id, system, lon: lonDeg, lat: latDeg })));
        batch(() => {
          s.addMode.value = null;
          s.selectedSite.value = idx;
          s.leftTab.value = 'scenario';
        });
      } else if (mode === 'place') {
        const used = new Set(
          s.doc
            .peek()
            .places()
            .map((p) => p.name),
        );
        let n = 1;
        while (used.has(`Place ${n}`)) n++;
        edit((d) => d.addPlace({ name: `Place ${n}`, lon: lonDeg, lat: latDeg }));
        s.addMode.value = null;
      }
    },

    /** Which target, altitude or layer to show. */
    pick: (p: { threatId?: string; altitudeM?: number; layer?: LayerKind }): void => {
      batch(() => {
        if (p.threatId !== undefined) s.threatId.value = p.threatId;
        if (p.altitudeM !== undefined) s.altitudeM.value = p.altitudeM;
        if (p.layer !== undefined) s.layer.value = p.layer;
      });
    },
    setValueCase: (v: Store['valueCase']['value']): void => {
      s.valueCase.value = v;
      runner.schedule(0, { edited: false });
    },
    setUncertainty: (on: boolean): void => {
      batch(() => {
        s.uncertainty.value = on;
        if (on) s.layer.value = 'uncertainty';
        else if (s.layer.peek() === 'uncertainty') s.layer.value = 'engage';
      });
      runner.schedule(0, { edited: false });
    },

    explain: (subject: ExplainSubject): void => {
      batch(() => {
        s.vcdToward.value = null;
        s.explain.value = subject;
      });
    },
    closeExplain: (): void => {
      s.explain.value = null;
    },
    openCompare: () => (s.compareOpen.value = true),
    closeCompare: () => (s.compareOpen.value = false),
  };
}
