// Runs the TypeScript core worker in tests: register tsx in this thread, then load the real entry.
import { register } from 'tsx/esm/api';

register();
await import('../../src/main/core/worker.ts');
