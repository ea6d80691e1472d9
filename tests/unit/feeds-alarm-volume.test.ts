import { afterEach, describe, expect, it } from 'vitest';
import { rig, type Rig } from '../helpers/feeds';

/**
 * Sensor alarms in volume (the ingest benchmark's load): one alert per
 * applied event and one `alerts` change notice per committed batch (not one
 * per alert), duplicates applied once, and — when the store
 * refuses one event mid-batch — a clean redo event by event in which only
 * that event is quarantined and nothing from the failed attempt remains.
 */
let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const alarm = (i: number, sensorId = `GS-${i % 7}`): Record<string, unknown> => ({
  sensorId,
  kind: 'gas',
  // Every 10th reading is 2× its threshold, so it also opens or joins an incident in the same batch.
  value: i % 10 === 0 ? 20 : (i % 9) + 0.5,
  threshold: 10,
  unit: '%LEL',
  location: { district: '徐汇区', lat: 31.19, lon: 121.43 },
});

function publishAll(n: number, bad?: number): string[] {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const e = r!.server.publish('iot-gas', 'sensor.alarm', alarm(i, i === bad ? 'REFUSE-ME' : undefined));
    ids.push(e.id);
  }
  return ids;
}

/** n alerts, announced by at most one notice per committed batch; none left by a rolled-back attempt. */
function expectAlertsAnnounced(n: number): void {
  expect(r!.count('SELECT count(*) AS n FROM alerts')).toBe(n);
  expect(r!.count(`SELECT count(*) AS n FROM changes WHERE entity = 'alert'`)).toBe(0);
  const notices = r!.count(`SELECT count(*) AS n FROM changes WHERE entity = 'alerts' AND entity_id = 'iot-gas'`);
  expect(notices).toBeGreaterThanOrEqual(1);
  expect(notices).toBeLessThanOrEqual(r!.core.feeds.ingestor.stats.batches);
  expect(r!.count(`SELECT count(*) AS n FROM changes WHERE entity = 'alerts'`)).toBe(notices);
}

describe('sensor alarms in volume', () => {
  it('a large batch gives one alert per event and one change notice per batch; a resent id applies once', async () => {
    r = await rig();
    const ids = publishAll(700);
    // The same event id again at a new seq, inside the same backlog.
    r.server.publish('iot-gas', 'sensor.alarm', alarm(3), { id: ids[2] });
    r.core.startFeeds();
    await r.settled('iot-gas');
    expectAlertsAnnounced(700);
    // One batch, one notice: the whole backlog went in one transaction.
    expect(r.core.feeds.ingestor.stats.batches).toBe(1);
    expect(r.count('SELECT count(*) AS n FROM feed_inbox')).toBe(700);
    expect(r.core.feeds.ingestor.stats.duplicates).toBe(1);
    const third = r.core.store.db
      .prepare(
        `SELECT sensor_id AS s, value AS v, ratio, district, stream FROM alerts WHERE sensor_id = 'GS-3' ORDER BY at, id LIMIT 1`,
      )
      .get();
    expect(third).toEqual({ s: 'GS-3', v: 3.5, ratio: 0.35, district: 'xuhui', stream: 'iot-gas' });
    // 70 readings at 2× threshold, each linked to an incident created or joined in the batch.
    expect(r.count('SELECT count(*) AS n FROM alerts WHERE incident_id IS NOT NULL')).toBe(70);
    expect(r.count('SELECT count(*) AS n FROM alerts a JOIN incidents i ON i.id = a.incident_id')).toBe(70);
  });

  // Refused at the alert's own INSERT, or at the inbox row of an event in the middle of the batch.
  it.each([
    [
      'alerts',
      `CREATE TRIGGER refuse BEFORE INSERT ON alerts WHEN NEW.sensor_id = 'REFUSE-ME'
       BEGIN SELECT RAISE(ABORT, 'refused by the store'); END`,
    ],
    [
      'feed_inbox',
      `CREATE TRIGGER refuse BEFORE INSERT ON feed_inbox WHEN NEW.seq = 150
       BEGIN SELECT RAISE(ABORT, 'refused by the store'); END`,
    ],
  ])(
    'when the store refuses one event (%s), the batch is redone event by event: only that one is quarantined',
    async (_, trigger) => {
      r = await rig();
      r.core.store.db.exec(trigger);
      const ids = publishAll(300, 150);
      r.server.publish('iot-gas', 'sensor.alarm', alarm(5), { id: ids[4] });
      r.core.startFeeds();
      await r.settled('iot-gas');
      expectAlertsAnnounced(299);
      // The failed attempt and its redo were one batch: one notice, from the redo.
      expect(r.core.feeds.ingestor.stats.batches).toBe(1);
      expect(r.count(`SELECT count(*) AS n FROM changes WHERE entity = 'alerts'`)).toBe(1);
      expect(r.count('SELECT count(*) AS n FROM feed_inbox')).toBe(299);
      expect(r.count(`SELECT count(*) AS n FROM feed_inbox WHERE event_id = ?`, ids[149])).toBe(0);
      const q = r.core.store.db.prepare('SELECT seq, reason, detail FROM quarantine').all();
      expect(q).toEqual([{ seq: 150, reason: 'apply_failed', detail: 'refused by the store' }]);
      expect(r.core.store.db.prepare(`SELECT cursor FROM feed_cursors WHERE stream = 'iot-gas'`).get()).toEqual({
        cursor: 301,
      });
      expect(r.core.feeds.ingestor.stats.duplicates).toBe(1);
    },
  );
});
