// Runs src/main/core/worker.ts in a worker thread under tsx, the way
// out/main/core-worker.js runs in the app. (`--import tsx` in a Worker's
// execArgv does not install the loader on Node 20, so register it here.)
import { register } from 'tsx/esm/api';

register();
await import('../../src/main/core/worker.ts');
