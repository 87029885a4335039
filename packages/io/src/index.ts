/** @parapet/io — files in and out. */
export * from './data-dir.js';
export * from './problems.js';
export * from './yaml/located-document.js';
export * from './catalog/load-catalog.js';
export * from './scenario/load-scenario.js';
