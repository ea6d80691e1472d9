import { randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * UUIDv7 for rows written in volume (feed alerts). The `uuidv7` package's
 * default generator refills an 8-word buffer from the OS every few ids; at
 * tens of thousands of ids a second that refill was ~5 % of the ingest
 * thread. Same generator and format, same CSPRNG, a 4 KiB buffer.
 */
class BufferedRandom {
  private readonly buffer = new Uint32Array(1024);
  private cursor = this.buffer.length;

  nextUint32(): number {
    if (this.cursor >= this.buffer.length) {
      randomFillSync(this.buffer);
      this.cursor = 0;
    }
    return this.buffer[this.cursor++];
  }
}

/** For ids of a given time: a rollback of any size starts afresh at that time instead of reusing a later one. */
const atGenerator = new V7Generator(new BufferedRandom());
atGenerator.setRollbackAllowance(0);

/**
 * A UUIDv7 whose time field is `ms` rather than now, for rows keyed by the time
 * of what they record: a time range over them is then a range of their key, and
 * the table's own B-tree serves it without a time index. Ids made for the same
 * millisecond in a row ascend; 74 bits keep ids apart otherwise. (Only after
 * 2^42 ids in one millisecond would the time field move on to the next.) `ms`
 * is a whole epoch millisecond in [0, 2^48).
 */
export function uuidv7At(ms: number): string {
  return atGenerator.generateOrResetWithTs(ms).toString();
}

/**
 * The lowest UUIDv7 string of time `ms` and later: ids made by `uuidv7At(t)`
 * compare (as strings, byte order) at or above it exactly when t >= ms.
 */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
}
