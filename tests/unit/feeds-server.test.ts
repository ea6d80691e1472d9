import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import type { Envelope, Hello } from '../../src/main/core/feeds/protocol';

let server: FeedServer | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = undefined;
});

function seat(url: string, token: string, cursors: Record<string, number> = {}, name = 'seat-a'): Socket {
  const s = connect(`${url}/feed`, {
    auth: { token, seat: name, cursors },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(s);
  return s;
}

function collect(s: Socket, n: number): Promise<Envelope[]> {
  const got: Envelope[] = [];
  return new Promise((resolve) => {
    const take = (e: Envelope): void => {
      got.push(e);
      if (got.length >= n) resolve(got);
    };
    s.on('event', take);
    s.on('events', (batch: Envelope[]) => batch.forEach(take));
  });
}

describe('feed protocol server', () => {
  it('refuses a wrong token with connect_error unauthorized', async () => {
    server = await startFeedServer({ mode: 'live', tokens: ['good'], name: 't' });
    const s = seat(server.url, 'bad');
    const err = await new Promise<Error>((resolve) => s.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
  });

  it('says hello, replays after the cursor in batches of at most 1000, tracks cumulative acks', async () => {
    server = await startFeedServer({ mode: 'exercise', tokens: ['t'], name: 'ref' });
    for (let i = 0; i < 2500; i++) server.publish('s1', 'unit.position', { i });
    const s = seat(server.url, 't', { s1: 100 });
    const hello = await new Promise<Hello>((resolve) => s.once('hello', resolve));
    expect(hello).toEqual({
      server: 'ref',
      mode: 'exercise',
      streams: [{ stream: 's1', kind: 'feed', headSeq: 2500 }],
    });
    const sizes: number[] = [];
    s.on('events', (b: Envelope[]) => sizes.push(b.length));
    const got = await collect(s, 2400);
    expect(got[0].seq).toBe(101);
    expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 2400 }, (_, i) => i + 101));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(got[0]).toMatchObject({ v: 1, stream: 's1', type: 'unit.position', payload: { i: 100 } });
    s.emit('ack', { stream: 's1', seq: 2500 });
    s.emit('ack', { stream: 's1', seq: 2000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(server.ackedSeq('s1')).toBe(2500);
    expect(server.seats()[0]).toMatchObject({ seat: 'seat-a', acked: { s1: 2500 } });
  });

  it('sends live events after the replay and replays from acks when told to', async () => {
    server = await startFeedServer({ mode: 'live', tokens: ['t'], name: 'ref', replayFrom: 'acked' });
    server.publish('a', 'x', {});
    const s = seat(server.url, 't', { a: 1 });
    const first = await collect(s, 1);
    expect(first[0].seq).toBe(1); // the seat's cursor is ignored: nothing was acked
    const more = collect(s, 3);
    server.publish('a', 'x', {});
    server.skip('a', 2);
    server.publish('a', 'x', {});
    server.publishRaw('a', (seq: number) => ({ hostile: true, seq }));
    const seen = await more;
    expect(seen.map((e) => e.seq)).toEqual([2, 5, 6]);
  });

  it('answers commands through the ack callback, once per id', async () => {
    server = await startFeedServer({
      mode: 'live',
      tokens: ['t'],
      name: 'ref',
      onCommand: (c) => (c.type === 'unit.dispatch' ? { ok: true } : { ok: false, error: 'not allowed' }),
    });
    const s = seat(server.url, 't');
    await new Promise((r) => s.once('hello', r));
    const r1 = await s.emitWithAck('command', { id: 'c1', type: 'unit.dispatch', payload: {} });
    const r2 = await s.emitWithAck('command', { id: 'c1', type: 'unit.dispatch', payload: {} });
    const r3 = await s.emitWithAck('command', { id: 'c2', type: 'incident.close', payload: {} });
    expect([r1, r2, r3]).toEqual([{ ok: true }, { ok: true }, { ok: false, error: 'not allowed' }]);
    expect(server.commands().find((c) => c.id === 'c1')?.times).toBe(2);
  });
});
