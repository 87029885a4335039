/** What every component is given: the store to read and the actions to call. */
import type { Actions } from './actions.js';
import type { Store } from './store.js';

export interface Ctx {
  store: Store;
  actions: Actions;
}

/** The layers of the map, in the order of the Layer menu. */
export const LAYERS = [
  { id: 'engage', label: 'Engagement zone' },
  { id: 'detect', label: 'Detection' },
  { id: 'seen', label: 'Detected, not engageable' },
  { id: 'overlap', label: 'Overlapping zones (count)' },
  { id: 'ring', label: 'Range ring vs real coverage' },
  { id: 'uncertainty', label: 'Uncertainty band (low–high sources)' },
  { id: 'mda', label: 'Minimum detectable altitude' },
  { id: 'none', label: 'No coverage layer' },
] as const;
