// The benchmark's core thread: register tsx here, then load the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-core.ts');
