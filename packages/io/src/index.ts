/** @parapet/io — files in and out. */
export * from './data-dir.js';
export * from './problems.js';
export * from './yaml/located-document.js';
export * from './catalog/load-catalog.js';
export * from './scenario/load-scenario.js';
export * from './pipeline/worker-pool.js';
export * from './pipeline/site-frames.js';
export * from './pipeline/coverage.js';
export * from './export/summary.js';
export * from './pipeline/compare.js';
export * from './fs/atomic-write.js';
