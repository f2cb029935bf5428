// Paper executor: synchronous fill engine (replay hot path), RxJS Executor wrapper, latency and book models.
// Import from here; the files below hold one model each.
export * from "./latency.js";
export * from "./walk.js";
export * from "./engine.js";
export * from "./executor.js";
export * from "./leader-anchored.js";
export * from "./grid.js";
