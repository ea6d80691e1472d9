import type { AppError, Result } from '../../../shared/result';
import { useEffect, useRef } from 'react';
import { useEntityChanges, type EntityChanges } from '../live';

/**
 * Changed ids gather here and are fetched together, one request in flight at
 * a time: under a burst a panel makes one round trip per `waitMs` rather than
 * one per animation frame, and an older answer never lands over a newer one
 * (the next request starts only after the previous one was applied).
 */
export class IdBatcher<Row extends { id: string }> {
  private readonly upserted = new Set<string>();
  private readonly deleted = new Set<string>();
  private busy = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly fetch: (ids: string[]) => Promise<Result<Row[]>>,
    /** Rows found, and ids that are gone (deleted, or asked for and not found). */
    private readonly apply: (rows: Row[], gone: string[]) => void,
    private readonly onError: (error: AppError) => void,
    private readonly waitMs: number,
    /** Most ids per request (the channel's own limit). */
    private readonly max = 5000,
  ) {}

  add(c: EntityChanges): void {
    for (const id of c.upserted) {
      this.deleted.delete(id);
      this.upserted.add(id);
    }
    for (const id of c.deleted) {
      this.upserted.delete(id);
      this.deleted.add(id);
    }
    this.kick();
  }

  get pending(): number {
    return this.upserted.size + this.deleted.size;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private kick(): void {
    if (this.timer !== null || this.busy || this.closed || this.pending === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.waitMs);
  }

  private async run(): Promise<void> {
    if (this.busy || this.closed) return;
    const up = [...this.upserted].slice(0, this.max);
    const del = [...this.deleted];
    for (const id of up) this.upserted.delete(id);
    this.deleted.clear();
    if (up.length + del.length === 0) return;
    this.busy = true;
    let failed = false;
    try {
      const r = up.length > 0 ? await this.fetch(up) : null;
      if (this.closed) return;
      if (r && !r.ok) {
        // Keep the ids for the next change or resync rather than retrying in a loop against a failing core.
        for (const id of up) this.upserted.add(id);
        for (const id of del) this.deleted.add(id);
        failed = true;
        this.onError(r.error);
        return;
      }
      const rows = r?.value ?? [];
      const found = new Set(rows.map((x) => x.id));
      this.apply(rows, [...del, ...up.filter((id) => !found.has(id))]);
    } finally {
      this.busy = false;
      if (!failed) this.kick();
    }
  }
}

/**
 * Follow one entity kind of the live store through an IdBatcher: changed ids
 * are fetched with `fetch` and handed to `apply`. The latest callbacks are
 * always used; `accept` can decline changes the screen does not show.
 */
export function useBatchedChanges<Row extends { id: string }>(
  entity: string,
  handlers: {
    fetch: (ids: string[]) => Promise<Result<Row[]>>;
    apply: (rows: Row[], gone: string[]) => void;
    onError: (error: AppError) => void;
    accept?: () => boolean;
  },
  waitMs: number,
): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const batcher = useRef<IdBatcher<Row> | null>(null);
  useEffect(() => {
    const b = new IdBatcher<Row>(
      (ids) => latest.current.fetch(ids),
      (rows, gone) => latest.current.apply(rows, gone),
      (error) => latest.current.onError(error),
      waitMs,
    );
    batcher.current = b;
    return () => {
      b.close();
      batcher.current = null;
    };
  }, [waitMs]);
  useEntityChanges(entity, (c) => {
    if (latest.current.accept?.() ?? true) batcher.current?.add(c);
  });
}
