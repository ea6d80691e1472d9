/**
 * A second seat in its own process: allocates one item at a time from the
 * same store file until it is refused, retrying when the store is busy.
 * Prints {ok, refused, busy} as JSON. Used by resources-ledger.test.ts.
 */
import { Core } from '../../src/main/core/core';

const [file, depotId, itemId, incidentId, seat, attempts] = process.argv.slice(2);
const core = new Core({ dbFile: file, seat, operator: seat, mode: 'live', version: 'test' });
let ok = 0;
let refused = 0;
let busy = 0;
for (let i = 0; i < Number(attempts);) {
  const r = core.handle('stock.move', { kind: 'allocate', depotId, itemId, qty: 1, incidentId });
  if (r.ok) {
    ok++;
    i++;
  } else if (r.error.code === 'conflict') {
    busy++;
  } else if (r.error.code === 'refused') {
    refused++;
    i++;
  } else {
    throw new Error(r.error.message);
  }
}
core.close();
process.stdout.write(JSON.stringify({ ok, refused, busy }));
