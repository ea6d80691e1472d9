import type { WatchfloorApi } from '../../shared/api';
import type { Change, ChangeBatch } from '../../shared/ipc';

export interface Frames {
  request(cb: () => void): number;
  cancel(id: number): void;
}

/** What changed for one entity kind since the last delivery, deduplicated. */
export interface EntityChanges {
  /** Inserted or updated ids: fetch these rows again. */
  upserted: string[];
  deleted: string[];
}

export type EntityListener = (changes: EntityChanges) => void;

/**
 * The live store: one subscription to the core's `changes` push event per
 * window. Batches are coalesced so screens see at most one delivery per
 * animation frame (a feed burst of hundreds of changes costs one grid
 * transaction), and the cursor is tracked so a missed batch is fetched with
 * `changes.since` instead of silently skipped.
 */
export class LiveStore {
  private cursor: number | null = null;
  private readonly pending = new Map<string, Map<string, Change['op']>>();
  private readonly listeners = new Map<string, Set<EntityListener>>();
  private frame: number | null = null;
  private fallback: ReturnType<typeof setTimeout> | null = null;
  private resyncing: Promise<void> | null = null;
  private off: (() => void) | null = null;
  private resetting = false;

  constructor(
    private readonly api: () => WatchfloorApi | null,
    private readonly since: (cursor: number) => Promise<ChangeBatch | null>,
    /**
     * The core's change log no longer holds what this window missed (it keeps
     * a short tail, see store/changes.ts): screens cannot be patched by id, so
     * the window reloads in full.
     */
    private readonly onReset: () => void,
    /** Animation frames in a window; injected so the store runs under Node in tests. */
    private readonly frames: Frames,
  ) {}

  start(): void {
    if (this.off) return;
    const api = this.api();
    if (!api) return;
    this.off = api.on('changes', (batch) => void this.receive(batch));
  }

  stop(): void {
    this.off?.();
    this.off = null;
  }

  /** Highest change id applied, or null before the first batch. */
  get position(): number | null {
    return this.cursor;
  }

  subscribe(entity: string, listener: EntityListener): () => void {
    let set = this.listeners.get(entity);
    if (!set) this.listeners.set(entity, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Apply one pushed batch; exported for tests of the gap logic. */
  async receive(batch: ChangeBatch): Promise<void> {
    if (this.resyncing) await this.resyncing;
    if (this.resetting) return;
    if (batch.reset) return this.reset();
    const first = batch.changes[0];
    if (!first) return;
    // The first batch a window sees fixes its starting point: screens load
    // their data before subscribing, and re-fetching by id is idempotent.
    if (this.cursor === null) this.cursor = first.id - 1;
    if (first.id > this.cursor + 1) {
      // Ids are consecutive, so a hole means a batch never arrived.
      this.resyncing = this.resync(first.id - 1);
      await this.resyncing;
      this.resyncing = null;
      if (this.resetting) return;
    }
    this.take(batch.changes);
  }

  private async resync(upTo: number): Promise<void> {
    while (this.cursor !== null && this.cursor < upTo) {
      const batch = await this.since(this.cursor);
      if (batch?.reset) return this.reset();
      if (!batch || batch.changes.length === 0) return;
      this.take(batch.changes);
    }
  }

  private reset(): void {
    if (this.resetting) return;
    this.resetting = true;
    this.pending.clear();
    this.onReset();
  }

  private take(changes: readonly Change[]): void {
    for (const c of changes) {
      if (this.cursor !== null && c.id <= this.cursor) continue; // already seen
      let m = this.pending.get(c.entity);
      if (!m) this.pending.set(c.entity, (m = new Map()));
      m.set(c.entityId, m.get(c.entityId) === 'insert' && c.op === 'update' ? 'insert' : c.op);
      this.cursor = c.id;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.frame !== null || this.pending.size === 0) return;
    this.frame = this.frames.request(() => this.flush());
    // A hidden window gets no animation frames; its data must still be current when shown.
    this.fallback = setTimeout(() => this.flush(), 250);
  }

  private flush(): void {
    if (this.frame !== null) this.frames.cancel(this.frame);
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.frame = null;
    this.fallback = null;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [entity, ops] of pending) {
      const set = this.listeners.get(entity);
      if (!set || set.size === 0) continue;
      const changes: EntityChanges = { upserted: [], deleted: [] };
      for (const [id, op] of ops) (op === 'delete' ? changes.deleted : changes.upserted).push(id);
      for (const l of [...set]) {
        try {
          l(changes);
        } catch (err) {
          // One failing screen must not starve the others of updates.
          console.error('live listener failed', err);
        }
      }
    }
  }
}
