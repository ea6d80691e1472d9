import { afterEach, describe, expect, it } from 'vitest';
import { rig, reportPayload, waitFor, type Rig } from '../helpers/feeds';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('feed events map onto the domain', () => {
  it('incident.reported: new incident with its source report; same externalRef is another report; nearby same-kind report is a merge proposal', async () => {
    r = await rig();
    r.core.startFeeds();
    r.server.publish('hotline-12345', 'incident.reported', reportPayload('A-1'));
    r.server.publish('hotline-12345', 'incident.reported', reportPayload('A-1', { title: 'Second caller' }));
    r.server.publish(
      '119-dispatch',
      'incident.reported',
      reportPayload('F-9', { location: { lat: 31.2359, lon: 121.4849 } }),
    );
    r.server.publish(
      'hotline-12345',
      'incident.reported',
      reportPayload('A-2', { category: 'gas', location: { district: 'pudong' } }),
    );
    await r.settled('hotline-12345');
    await r.settled('119-dispatch');
    const db = r.core.store.db;
    expect(r.count('SELECT count(*) AS n FROM incidents')).toBe(3);
    expect(r.count('SELECT count(*) AS n FROM reports')).toBe(4);
    const a1 = db
      .prepare(
        `SELECT i.* FROM incidents i JOIN reports r ON r.incident_id = i.id WHERE r.external_ref = 'A-1' LIMIT 1`,
      )
      .get() as Record<string, unknown>;
    expect(a1).toMatchObject({
      report_count: 2,
      category: 'fire',
      level: 3,
      district: 'huangpu',
      channel: '119',
      lat: 31.2357,
    });
    const gas = db
      .prepare(`SELECT i.* FROM incidents i JOIN reports r ON r.incident_id = i.id WHERE r.external_ref = 'A-2'`)
      .get() as Record<string, unknown>;
    expect(gas).toMatchObject({ district: 'pudong', lat: 31.222, lon: 121.5447, level: 3, category: 'gas' });
    const proposals = db.prepare('SELECT * FROM merge_proposals').all() as {
      incident_id: string;
      target_id: string;
      reason: string;
    }[];
    expect(proposals).toHaveLength(1);
    expect(proposals[0].target_id).toBe(a1.id);
    expect(proposals[0].reason).toMatch(/Same category \(fire\), \d+ m apart/);
  });

  it('incident.updated changes the incident and appends to its timeline; an unknown ref is recorded as a fault', async () => {
    r = await rig();
    r.core.startFeeds();
    r.server.publish('s', 'incident.reported', reportPayload('U-1'));
    r.server.publish('s', 'incident.updated', { externalRef: 'U-1', changes: { level: 'I', title: 'Major fire' } });
    r.server.publish('s', 'incident.updated', { externalRef: 'nope', changes: { level: 2 } });
    await r.settled('s');
    const inc = r.core.incidents.list('all', 10)[0];
    expect(inc).toMatchObject({ level: 1, title: 'Major fire' });
    expect(r.core.incidents.timeline(inc.id).map((t) => t.kind)).toEqual(['reported', 'updated']);
    expect(r.count(`SELECT count(*) AS n FROM feed_faults WHERE kind = 'unmatched'`)).toBe(1);
  });

  it('unit.position and unit.status register unknown units as unregistered and keep a bounded history', async () => {
    r = await rig();
    r.core.startFeeds();
    const t0 = Date.parse('2026-11-29T01:00:00Z');
    for (let i = 0; i < 130; i++) {
      r.server.publish('avl-fire', 'unit.position', {
        unitId: 'HP-101',
        lat: 31.2 + i / 1000,
        lon: 121.48,
        speedKmh: 40,
        heading: 90,
        at: new Date(t0 + i * 1000).toISOString(),
      });
    }
    // A late fix goes to history only.
    r.server.publish('avl-fire', 'unit.position', {
      unitId: 'HP-101',
      lat: 31.0,
      lon: 121.0,
      at: new Date(t0).toISOString(),
    });
    r.server.publish('avl-fire', 'unit.status', {
      unitId: 'HP-102',
      status: 'en_route',
      agency: '消防',
      unitType: 'engine',
      incidentRef: 'X',
    });
    await r.settled('avl-fire');
    const db = r.core.store.db;
    expect(db.prepare(`SELECT registered, status, lat, fix_at FROM units WHERE id = 'HP-101'`).get()).toEqual({
      registered: 0,
      status: 'unknown',
      lat: 31.329,
      fix_at: t0 + 129_000,
    });
    expect(db.prepare(`SELECT registered, status, agency, incident_ref FROM units WHERE id = 'HP-102'`).get()).toEqual({
      registered: 0,
      status: 'en_route',
      agency: '消防',
      incident_ref: 'X',
    });
    expect(r.count(`SELECT count(*) AS n FROM unit_positions WHERE unit_id = 'HP-101'`)).toBe(100);
  });

  it('sensor.alarm becomes an alert, and above the threshold ratio an incident (one per sensor while open)', async () => {
    r = await rig();
    r.core.startFeeds();
    const loc = { district: '徐汇', lat: 31.19, lon: 121.43 };
    r.server.publish('iot-gas', 'sensor.alarm', {
      sensorId: 'G-1',
      kind: 'gas',
      value: 12,
      threshold: 10,
      unit: '%LEL',
      location: loc,
    });
    r.server.publish('iot-gas', 'sensor.alarm', {
      sensorId: 'G-1',
      kind: 'gas',
      value: 35,
      threshold: 10,
      unit: '%LEL',
      location: loc,
    });
    r.server.publish('iot-gas', 'sensor.alarm', {
      sensorId: 'G-1',
      kind: 'gas',
      value: 40,
      threshold: 10,
      unit: '%LEL',
      location: loc,
    });
    await r.settled('iot-gas');
    expect(r.count('SELECT count(*) AS n FROM alerts')).toBe(3);
    expect(r.count('SELECT count(*) AS n FROM alerts WHERE incident_id IS NULL')).toBe(1);
    const incs = r.core.incidents.list('all', 10);
    expect(incs).toHaveLength(1);
    expect(incs[0]).toMatchObject({ category: 'gas', level: 2, channel: 'iot', district: 'xuhui', reportCount: 2 });
  });

  it('warning.issued: Alert is active with level colour and expiry, Update supersedes, Cancel cancels by references', async () => {
    r = await rig();
    r.core.startFeeds();
    const info = (sev: string): Record<string, unknown> => ({
      category: 'Met',
      event: '暴雨',
      urgency: 'Expected',
      severity: sev,
      certainty: 'Likely',
      expires: '2099-01-01T00:00:00+08:00',
      area: [{ areaDesc: '上海市', polygon: ['31.0,121.0 31.5,121.0 31.5,121.9 31.0,121.0'] }],
    });
    const base = { sender: 'smb@sh.cma', status: 'Actual' };
    r.server.publish('cma', 'warning.issued', {
      ...base,
      identifier: 'W1',
      sent: '2026-11-29T08:00:00+08:00',
      msgType: 'Alert',
      info: [info('Moderate')],
    });
    r.server.publish('cma', 'warning.issued', {
      ...base,
      identifier: 'W2',
      sent: '2026-11-29T09:00:00+08:00',
      msgType: 'Update',
      references: 'smb@sh.cma,W1,2026-11-29T08:00:00+08:00',
      info: [info('Severe')],
      level: 'orange',
    });
    r.server.publish('cma', 'warning.issued', {
      ...base,
      identifier: 'W3',
      sent: '2026-11-29T08:30:00+08:00',
      msgType: 'Alert',
      info: [info('Minor')],
    });
    r.server.publish('cma', 'warning.issued', {
      ...base,
      identifier: 'W4',
      sent: '2026-11-29T10:00:00+08:00',
      msgType: 'Cancel',
      references: 'smb@sh.cma,W3,2026-11-29T08:30:00+08:00',
      info: [],
    });
    r.server.publish('cma', 'warning.issued', {
      ...base,
      status: 'Test',
      identifier: 'T1',
      sent: '2026-11-29T10:00:00+08:00',
      msgType: 'Alert',
      info: [info('Extreme')],
    });
    await r.settled('cma');
    const rows = r.core.store.db
      .prepare('SELECT identifier, state, level, severity, expires FROM warnings ORDER BY identifier')
      .all();
    expect(rows).toEqual([
      {
        identifier: 'T1',
        state: 'notice',
        level: 'red',
        severity: 'Extreme',
        expires: Date.parse('2099-01-01T00:00:00+08:00'),
      },
      {
        identifier: 'W1',
        state: 'superseded',
        level: 'yellow',
        severity: 'Moderate',
        expires: Date.parse('2099-01-01T00:00:00+08:00'),
      },
      {
        identifier: 'W2',
        state: 'active',
        level: 'orange',
        severity: 'Severe',
        expires: Date.parse('2099-01-01T00:00:00+08:00'),
      },
      {
        identifier: 'W3',
        state: 'cancelled',
        level: 'blue',
        severity: 'Minor',
        expires: Date.parse('2099-01-01T00:00:00+08:00'),
      },
      { identifier: 'W4', state: 'notice', level: null, severity: 'Unknown', expires: null },
    ]);
  });

  it('change notices flow after each ingestion commit', async () => {
    r = await rig();
    const seen: string[] = [];
    r.core.onChanges((b) => b.changes.forEach((c) => seen.push(c.entity)));
    r.core.startFeeds();
    r.server.publish('s', 'incident.reported', reportPayload('N-1'));
    await waitFor(() => seen.includes('incident'));
    expect(seen).toContain('incident');
  });
});

describe('query plans of the feed mapping', () => {
  it('merge candidates and incident refs use their indexes', async () => {
    r = await rig();
    const plan = (sql: string): string =>
      (r!.core.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((x) => x.detail)
        .join(' | ');
    expect(
      plan(
        `SELECT id FROM incidents WHERE category = 'fire' AND reported_at BETWEEN 1 AND 2 AND status IN ('reported') AND lat IS NOT NULL`,
      ),
    ).toMatch(/USING INDEX incidents_category_time/);
    expect(plan(`SELECT incident_id FROM reports WHERE external_ref = 'x' ORDER BY received_at DESC LIMIT 1`)).toMatch(
      /USING INDEX reports_external_ref/,
    );
    expect(plan(`SELECT 1 FROM feed_inbox WHERE stream = 's' AND event_id = 'e'`)).toMatch(/USING PRIMARY KEY/);
  });
});
