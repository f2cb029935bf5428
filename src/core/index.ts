// Barrel for the domain: types, schemas, reason codes, venue vocabulary and money maths.
// Imports nothing else of the project.
export * from "./money.js";
export * from "./reasons.js";
export * from "./venue.js";
export * from "./book.js";
export * from "./events.js";
export * from "./intent.js";
export * from "./exec.js";
export * from "./config.js";
export * from "./rng.js";
export * from "./holdings.js";
export * from "./json-text.js";
export * from "./exec-reasons.js";
export * from "./field-issue.js";
export * from "./utc-time.js";
