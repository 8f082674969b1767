// Property tests explore new random cases on developers' machines; in CI (CI=true) they replay a fixed
// seed so a run is repeatable. FC_SEED=<n> replays a reported counterexample anywhere.
'use strict';
const fc = require('fast-check');

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI === 'true' ? 20261123 : undefined;
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
