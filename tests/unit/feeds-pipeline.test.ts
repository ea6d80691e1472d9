import { afterEach, describe, expect, it } from 'vitest';
import { rig, reportPayload, waitFor, type Rig } from '../helpers/feeds';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
  delete process.env.WF_FEEDS_FAULT;
});

const pos = (unitId: string, i: number): Record<string, unknown> => ({
  unitId,
  lat: 31.2,
  lon: 121.4 + i / 10000,
  at: new Date(Date.UTC(2026, 10, 29, 1, 0, i)).toISOString(),
});

describe('ingestion pipeline', () => {
  it('applies each event id once across duplicates and replays, records gaps, acks cumulatively', async () => {
    r = await rig();
    r.core.startFeeds();
    for (let i = 0; i < 50; i++) r.server.publish('avl', 'unit.position', pos('U1', i));
    await r.settled('avl');
    r.server.duplicate('avl', 20);
    const again = r.server.log.range('avl', 1, 5) as { id: string }[];
    r.server.publish('avl', 'unit.position', pos('U1', 100), { id: again[0].id }); // same id, new seq
    r.server.skip('avl', 3);
    r.server.publish('avl', 'unit.position', pos('U1', 101));
    r.server.dropConnections(); // reconnect and replay after the cursor
    await r.settled('avl');
    await waitFor(() => r!.core.feeds.health()[0].state === 'connected');
    expect(r.count(`SELECT count(*) AS n FROM unit_positions`)).toBe(51);
    expect(r.count(`SELECT count(*) AS n FROM feed_inbox`)).toBe(51);
    expect(r.core.feeds.ingestor.stats.duplicates).toBeGreaterThanOrEqual(21);
    expect(
      r.core.store.db.prepare(`SELECT from_seq AS f, to_seq AS t FROM feed_faults WHERE kind = 'gap'`).all(),
    ).toEqual([{ f: 52, t: 54 }]);
    expect(r.core.store.db.prepare(`SELECT cursor FROM feed_cursors WHERE stream = 'avl'`).get()).toEqual({
      cursor: 55,
    });
    const h = r.core.feeds.health()[0];
    expect(h).toMatchObject({ name: 'test-feed', state: 'connected', mode: 'live', gaps: 1, quarantined: 0 });
    expect(h.streams).toEqual([{ stream: 'avl', cursor: 55, lastEventAt: expect.any(Number), gaps: 1 }]);
  });

  it('planted fault dedup-off applies duplicates twice (so the dedup assertion above can fail)', async () => {
    process.env.WF_FEEDS_FAULT = 'dedup-off';
    r = await rig();
    r.core.startFeeds();
    // Unit fixes are idempotent by (unit, time), so the fault shows on reports: each applied
    // incident.reported adds one.
    for (let i = 0; i < 10; i++) {
      r.server.publish('avl', 'incident.reported', {
        externalRef: `R-${i}`,
        title: '道路积水',
        category: 'waterlogging',
        location: { district: '徐汇' },
      });
    }
    await r.settled('avl');
    r.server.duplicate('avl', 10);
    await waitFor(() => r!.count('SELECT count(*) AS n FROM reports') >= 20);
    expect(r.count('SELECT count(*) AS n FROM reports')).toBe(20);
  });

  it('quarantines each kind of bad message raw with its reason, acks it, and leaves the domain untouched', async () => {
    r = await rig();
    r.core.startFeeds();
    const good = (seq: number): Record<string, unknown> => ({
      v: 1,
      stream: 'q',
      seq,
      id: `e${seq}`,
      type: 'unit.position',
      ts: '2026-11-29T09:00:00+08:00',
      payload: pos('U9', seq),
    });
    const cases: [string, (seq: number) => unknown][] = [
      ['not_object', () => 'hello'],
      ['envelope_invalid', (seq) => ({ ...good(seq), v: 2 })],
      ['oversize', (seq) => ({ ...good(seq), payload: { ...pos('U9', 1), junk: new Array(6000).fill(1) } })],
      [
        'forbidden_key',
        (seq) =>
          JSON.parse(
            `{"v":1,"stream":"q","seq":${seq},"id":"x","type":"unit.position","ts":"2026-11-29T09:00:00+08:00","payload":{"unitId":"U9","lat":31,"lon":121,"at":"2026-11-29T09:00:00+08:00","__proto__":{"admin":true}}}`,
          ),
      ],
      ['forbidden_key', (seq) => ({ ...good(seq), payload: { a: [{ constructor: { prototype: 1 } }] } })],
      ['unknown_type', (seq) => ({ ...good(seq), type: 'incident.deleted' })],
      ['bad_time', (seq) => ({ ...good(seq), ts: 'yesterday' })],
      ['bad_time', (seq) => ({ ...good(seq), payload: { ...pos('U9', 1), at: '2026-13-45T99:00:00Z' } })],
      ['bad_coordinates', (seq) => ({ ...good(seq), payload: { ...pos('U9', 1), lat: 91 } })],
      [
        'bad_coordinates',
        (seq) =>
          JSON.parse(
            `{"v":1,"stream":"q","seq":${seq},"id":"y","type":"unit.position","ts":"2026-11-29T09:00:00+08:00","payload":{"unitId":"U9","lat":1e400,"lon":121,"at":"2026-11-29T09:00:00+08:00"}}`,
          ),
      ],
      [
        'payload_invalid',
        (seq) => ({ ...good(seq), type: 'incident.reported', payload: reportPayload('Z', { category: 'alien' }) }),
      ],
    ];
    for (const [, make] of cases) r.server.publishRaw('q', make);
    r.server.publish('q', 'unit.position', pos('U9', 1));
    await r.settled('q');
    const rows = r.core.store.db.prepare('SELECT reason, seq, raw FROM quarantine ORDER BY id').all() as {
      reason: string;
      seq: number | null;
      raw: string;
    }[];
    expect(rows.map((x) => x.reason)).toEqual(cases.map(([reason]) => reason));
    expect(rows[0]).toMatchObject({ seq: null, raw: '"hello"' });
    expect(rows[3].raw).toContain('"__proto__":{"admin":true}');
    expect(r.count('SELECT count(*) AS n FROM unit_positions')).toBe(1);
    expect(r.count('SELECT count(*) AS n FROM incidents')).toBe(0);
    expect(r.core.handle('quarantine.list', { reason: 'bad_time', limit: 10 })).toMatchObject({
      ok: true,
      value: [{ reason: 'bad_time' }, { reason: 'bad_time' }],
    });
    const exp = r.core.handle('quarantine.export', { stream: 'q' });
    expect(exp.ok && exp.value.count).toBe(cases.length - 1); // "hello" has no readable stream
    expect(exp.ok && exp.value.content.split('\n').map((l) => (JSON.parse(l) as { reason: string }).reason)).toContain(
      'forbidden_key',
    );
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('a live seat refuses an exercise feed: disconnects, marks it faulty, stores nothing', async () => {
    r = await rig({ mode: 'exercise' }, 'live');
    r.server.publish('ex', 'incident.reported', reportPayload('EX-1'));
    r.core.startFeeds();
    await waitFor(() => r!.core.feeds.health()[0].state === 'refused');
    expect(r.count(`SELECT count(*) AS n FROM feed_faults WHERE kind = 'mode_mismatch'`)).toBe(1);
    expect(r.count('SELECT count(*) AS n FROM incidents')).toBe(0);
    expect(r.count('SELECT count(*) AS n FROM feed_inbox')).toBe(0);
    expect(r.server.ackedSeq('ex')).toBe(0);
    expect(r.core.feeds.health()[0].lastError).toMatch(/exercise mode; this seat is live/);
    expect(r.core.feeds.health()[0]).toMatchObject({ lastErrorKind: 'mode_mismatch', lastErrorReason: 'exercise' });
  });

  it('an exercise seat refuses a live feed', async () => {
    r = await rig({ mode: 'live' }, 'exercise');
    r.server.publish('x', 'incident.reported', reportPayload('L-1'));
    r.core.startFeeds();
    await waitFor(() => r!.core.feeds.health()[0].state === 'refused');
    expect(r.count('SELECT count(*) AS n FROM incidents')).toBe(0);
  });

  it('a wrong token is shown as unauthorized and not retried in a tight loop', async () => {
    r = await rig({}, 'live', 'wrong');
    r.core.startFeeds();
    await waitFor(() => r!.core.feeds.health()[0].state === 'unauthorized');
    await new Promise((res) => setTimeout(res, 300));
    // Reconnect backoff in this rig is 20–200 ms; an unauthorized seat still waits a minute.
    expect(r.server.refusedHandshakes()).toBe(1);
    expect(r.count(`SELECT count(*) AS n FROM feed_faults WHERE kind = 'unauthorized'`)).toBe(1);
    expect(r.core.feeds.health()[0].lastError).toMatch(/unauthorized/);
    expect(r.core.feeds.health()[0]).toMatchObject({ lastErrorKind: 'unauthorized', lastErrorReason: 'unauthorized' });
  });

  it('outbox: acknowledge writes the command with the local change, sends it, resends after reconnect until ok, shows rejections', async () => {
    r = await rig();
    let accept = false;
    r.server.setCommandHandler((c) =>
      c.type !== 'incident.acknowledge'
        ? { ok: false, error: 'unknown' }
        : accept
          ? { ok: true }
          : new Promise(() => undefined),
    );
    r.core.startFeeds();
    r.server.publish('h', 'incident.reported', reportPayload('O-1'));
    r.server.publish('h', 'incident.reported', reportPayload('O-2', { location: { district: 'jinshan' } }));
    await r.settled('h');
    const [i1, i2] = r.core.incidents.list('all', 10);
    const res = r.core.handle('feeds.acknowledge', { incidentId: i1.id });
    expect(res.ok).toBe(true);
    expect(r.core.incidents.get(i1.id).acknowledgedAt).not.toBeNull();
    const pending = r.core.handle('outbox.list', { state: 'pending', limit: 10 });
    expect(pending.ok && pending.value).toHaveLength(1);
    expect(r.core.feeds.health()[0].pendingCommands).toBe(1);
    // The server never answers; after a reconnect the same id is sent again and now accepted.
    accept = true;
    r.server.dropConnections();
    await waitFor(() => r!.core.feeds.outbox.pendingCount() === 0);
    const cmds = r.server.commands();
    expect(cmds).toHaveLength(1);
    expect(cmds[0]).toMatchObject({
      type: 'incident.acknowledge',
      payload: { externalRef: expect.stringMatching(/^O-/) },
    });
    r.server.setCommandHandler(() => ({ ok: false, error: 'incident closed upstream' }));
    r.core.handle('feeds.acknowledge', { incidentId: i2.id });
    await waitFor(() => r!.core.feeds.outbox.list('rejected').length === 1);
    expect(r.core.feeds.outbox.list('rejected')[0].error).toBe('incident closed upstream');
  });

  it('feeds.upsert keeps tokens off disk without secure storage', async () => {
    r = await rig();
    const res = r.core.handle('feeds.upsert', {
      name: 'hotline',
      url: 'http://127.0.0.1:1',
      token: 'sekret-123',
      enabled: false,
    });
    expect(res).toMatchObject({ ok: true, value: { name: 'hotline', token: 'memory' } });
    r.core.close();
    const fs = await import('node:fs');
    for (const f of fs.readdirSync(r.dir)) expect(fs.readFileSync(`${r.dir}/${f}`).includes('sekret-123')).toBe(false);
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially to its cap, with jitter in the upper half', async () => {
    const { backoffDelay } = await import('../../src/main/core/feeds/client');
    const o = { initialMs: 100, maxMs: 5000, unauthorizedMs: 60_000 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, o, () => 1))).toEqual([100, 200, 400, 800]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, o, () => 0))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(30, o, () => 1)).toBe(5000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(5, o)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('feed config file', () => {
  it('loads sources without tokens and refuses a file that carries one', async () => {
    const fs = await import('node:fs');
    r = await rig();
    const ok = `${r.dir}/feeds.json`;
    fs.writeFileSync(
      ok,
      JSON.stringify([
        { name: 'hotline', url: 'http://10.0.0.5:4800' },
        { name: 'iot', url: 'https://iot.example/feeds', enabled: false },
      ]),
    );
    expect(r.core.feeds.loadConfig(ok).map((s) => [s.name, s.enabled, s.token])).toEqual([
      ['hotline', true, 'none'],
      ['iot', false, 'none'],
    ]);
    const bad = `${r.dir}/bad.json`;
    fs.writeFileSync(bad, JSON.stringify([{ name: 'x', url: 'http://h', token: 'plain' }]));
    expect(() => r!.core.feeds.loadConfig(bad)).toThrow(/Tokens belong in settings/);
  });
});

describe('token cipher from the shell', () => {
  it('stores only the ciphertext and connects with the decrypted token', async () => {
    const { Core } = await import('../../src/main/core/core');
    const { startFeedServer } = await import('../../src/main/core/feeds/server/feed-server');
    const { tempDir } = await import('../helpers/tmp');
    const fs = await import('node:fs');
    const tmp = tempDir('wf-cipher-');
    // Stands in for Electron safeStorage: anything reversible that is not the plain token.
    const cipher = {
      persistent: true,
      encrypt: (p: string): string => `enc:${Buffer.from(p).toString('base64').split('').reverse().join('')}`,
      decrypt: (c: string): string => Buffer.from(c.slice(4).split('').reverse().join(''), 'base64').toString(),
    };
    const server = await startFeedServer({ mode: 'live', tokens: ['s3cret-token'], name: 'c' });
    const core = new Core({
      dbFile: `${tmp.dir}/live.db`,
      seat: 's',
      operator: 'o',
      mode: 'live',
      version: 't',
      feeds: { cipher },
    });
    try {
      expect(
        core.handle('feeds.upsert', { name: 'c', url: server.url, token: 's3cret-token', enabled: true }),
      ).toMatchObject({ ok: true, value: { token: 'encrypted' } });
      core.startFeeds();
      server.publish('x', 'unit.position', pos('U1', 1));
      await waitFor(() => server.ackedSeq('x') >= 1);
      core.stopFeeds();
      core.store.db.pragma('wal_checkpoint(TRUNCATE)');
      for (const f of fs.readdirSync(tmp.dir))
        expect(fs.readFileSync(`${tmp.dir}/${f}`).includes('s3cret-token')).toBe(false);
    } finally {
      core.close();
      await server.close();
      tmp.cleanup();
    }
  });
});
