/**
 * Per-stream event logs of a feed server. Position = seq − 1; a hole is a seq
 * lost upstream (a gap the seat must record). Kept outside the socket server
 * so a restarted server goes on with the same history.
 */
export class FeedLog {
  private readonly logs = new Map<string, (unknown | undefined)[]>();
  /** seat → stream → highest seq that seat acked; survives a server restart. */
  readonly acks = new Map<string, Map<string, number>>();

  ackedBy(seat: string): Map<string, number> {
    let m = this.acks.get(seat);
    if (!m) {
      m = new Map();
      this.acks.set(seat, m);
    }
    return m;
  }

  streams(): string[] {
    return [...this.logs.keys()];
  }

  private of(stream: string): (unknown | undefined)[] {
    let l = this.logs.get(stream);
    if (!l) {
      l = [];
      this.logs.set(stream, l);
    }
    return l;
  }

  /** Make a stream known (so `hello` lists it) before its first event. */
  declare(stream: string): void {
    this.of(stream);
  }

  head(stream: string): number {
    return this.logs.get(stream)?.length ?? 0;
  }

  append(stream: string, entry: unknown): number {
    const l = this.of(stream);
    l.push(entry);
    return l.length;
  }

  skip(stream: string, n: number): void {
    const l = this.of(stream);
    for (let i = 0; i < n; i++) l.push(undefined);
  }

  /** Entries with seq in [from, to], holes left out. */
  range(stream: string, from: number, to: number): unknown[] {
    const l = this.logs.get(stream);
    if (!l) return [];
    const out: unknown[] = [];
    for (let seq = Math.max(1, from); seq <= Math.min(to, l.length); seq++) {
      const e = l[seq - 1];
      if (e !== undefined) out.push(e);
    }
    return out;
  }
}
