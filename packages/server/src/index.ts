/** @parapet/server — the workbench's local HTTP API and web UI. */
export * from './api/app.js';
export * from './server.js';
export * from './jobs/job-types.js';
export * from './jobs/job-manager.js';
export * from './jobs/job-runner.js';
export * from './jobs/compute.js';
export * from './workspace/workspace.js';
export * from './scenario/scenario-sources.js';
export * from './basemap/basemap.js';
export * from './explain/explain.js';
export * from './diagrams/vcd.js';
