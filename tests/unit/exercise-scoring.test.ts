import { PDFParse } from 'pdf-parse';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { parseScenarioTime } from '../../src/shared/exercise-scenario';
import { waitFor } from '../helpers/feeds';
import { call } from '../helpers/seat';
import { tempDir } from '../helpers/tmp';

const EPOCH = Date.UTC(2026, 2, 5, 6, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function pdfText(b64: string): Promise<string> {
  const parser = new PDFParse({ data: Buffer.from(b64, 'base64') });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('expected actions and the after-action report', () => {
  it('scores a scripted run — some met, some late, some missed — and reports it in the AAR and its PDF', async () => {
    const { dir, cleanup } = tempDir('wf-ex-score-');
    cleanups.push(cleanup);
    const clock = new FakeClock(0);
    const rt = SeatRuntime.open({
      dataDir: dir,
      clock,
      now: () => EPOCH,
      seat: 'seat-1',
      operator: '李值班',
      version: 't',
    });
    cleanups.push(() => rt.close());
    await call(rt, 'exercise.start', { scenarioId: 'gas-explosion-old-block', seed: '42', speed: 1 });
    const s = rt.currentSession();
    if (!s) throw new Error('no session');
    const core = s.core;
    const db = core.ctx.db;
    const server = s.server;
    if (!server) throw new Error('no server');

    const ingested = (): Promise<void> =>
      waitFor(
        () => server.log.streams().every((st) => server.ackedSeq(st, 'seat-1') >= server.log.head(st)),
        20_000,
        'ingestion',
      );
    /**
     * Move exercise time to T+h:mm:ss one due inject at a time, letting this seat ingest each
     * before time moves on — as it would in real time, where ingestion takes milliseconds.
     */
    const to = async (at: string): Promise<void> => {
      const target = parseScenarioTime(at) ?? 0;
      for (const r of s.engine.rows()) {
        if (r.delivered || r.dueMs > target) continue;
        clock.advance(r.dueMs - s.engine.scenarioMs());
        await ingested();
      }
      clock.advance(target - s.engine.scenarioMs());
      await ingested();
    };
    const incidentOf = (ref: string): string =>
      (db.prepare('SELECT incident_id AS id FROM reports WHERE external_ref = ?').get(ref) as { id: string }).id;
    const actor = { seat: 'seat-1', operator: '李值班' };

    // A1: acknowledge the explosion at T+1:00 (due within 2 min of T+0:20) → met.
    await to('T+00:01:00');
    const boom = incidentOf('F119-0305-0091');
    expect(await call(rt, 'feeds.acknowledge', { incidentId: boom })).toMatchObject({ incidentId: boom });
    // A3: a seat sends the dispatch of gas repair as a protocol command at T+5:00 → met (within 10 min).
    await to('T+00:05:00');
    const seat2 = connect(`${server.url}/feed`, {
      auth: { token: 'exercise', seat: 'seat-2', cursors: {} },
      transports: ['websocket'],
    });
    cleanups.push(() => void seat2.close());
    const reply = (await seat2.timeout(10_000).emitWithAck('command', {
      id: 'cmd-1',
      type: 'unit.dispatch',
      payload: { incidentRef: 'F119-0305-0091', unitId: 'SHGAS-QX-14', capability: 'gas_repair' },
    })) as { ok: boolean };
    expect(reply.ok).toBe(true);
    // A5: plan activated at T+12:00 (due within 10 min of the collapse at T+7:00) → met.
    await to('T+00:12:00');
    // Through the console's own plan service, as an officer would.
    expect(await call(rt, 'plan.activate', { incidentId: boom, planId: 'gas-explosion' })).toMatchObject({
      planId: 'gas-explosion',
    });
    // A2: level II only at T+14:00 (due within 5 min of T+7:00) → late.
    await to('T+00:14:00');
    core.incidents.appendTimeline(boom, 'level_changed', actor, 'III → II', { from: 3, level: 2 });
    // A6: the neighbour's call (T+12:00) logged only at T+20:00 (due within 5 min) → late.
    await to('T+00:20:00');
    await call(rt, 'incident.create', {
      title: '曹杨一村14号煤气味',
      category: 'gas',
      level: 4,
      district: 'putuo',
      channel: '12345',
      reporterName: '王阿姨',
    });
    // A4 (rescue dispatched within 5 min) never happens → missed.

    // The calls and messages reached the players' seat through the feed, newest first.
    const prompts = await call(rt, 'exercise.prompts', { limit: 10 });
    expect(prompts.map((p) => [p.kind, p.from])).toEqual([
      ['message', '普陀区应急局'],
      ['message', '上海燃气'],
      ['call', '曹杨一村居民王阿姨'],
    ]);
    expect(prompts[2].text.zh).toContain('我住曹杨一村14号');
    expect(prompts[2]).toMatchObject({ channel: '12345', address: '普陀区曹杨一村14号' });

    const mid = await call(rt, 'exercise.state', {});
    const status = Object.fromEntries(mid.expected.map((e) => [e.id, e.status]));
    expect(status).toEqual({ A1: 'met', A2: 'late', A3: 'met', A4: 'missed', A5: 'met', A6: 'late' });
    const a1 = mid.expected.find((e) => e.id === 'A1');
    expect(a1?.tookMs).toBe(40_000);
    expect(mid.injects.filter((i) => i.status === 'delivered').length).toBeGreaterThan(10);
    expect(mid.injects.some((i) => i.status === 'due')).toBe(true);

    // Manual inject on the fly shows in the controller's list.
    const after = await call(rt, 'exercise.inject', {
      delivery: 'message',
      from: '区委书记',
      title: { zh: '书记要求30分钟内到现场', en: 'Party secretary on the way' },
      payload: { text: { zh: '我30分钟后到现场，请准备汇报。', en: 'I arrive in 30 minutes; prepare a briefing.' } },
    });
    expect(after.injects.some((i) => i.manual && i.title.zh === '书记要求30分钟内到现场')).toBe(true);

    // The after-action report: per objective, with editable text and corrective actions.
    await call(rt, 'exercise.aar.update', {
      strengths: '首报确认迅速，燃气抢修调派及时。',
      improvements: '定级偏慢；邻楼来电登记滞后。',
    });
    const aar = await call(rt, 'exercise.corrective.add', {
      text: '修订燃气爆炸事件定级指引',
      owner: '值班长 张伟',
      dueDate: '2026-04-30',
    });
    expect(aar.objectives.map((o) => [o.id, o.met, o.late, o.missed])).toEqual([
      ['O1', 1, 1, 0],
      ['O2', 1, 0, 1],
      ['O3', 1, 1, 0],
    ]);
    expect(aar.measures.toAcknowledgeMs).toMatchObject({ count: 1, mean: 40_000 });
    expect(aar.measures.toDispatchMs.count).toBe(1);
    expect(aar.measures.toDispatchMs.mean).toBe(parseScenarioTime('T+00:04:40'));
    expect(aar.measures.toPlanMs.count).toBe(1);
    expect(aar.timeline.some((t) => t.kind === 'command' && t.text.en.includes('unit.dispatch'))).toBe(true);
    expect(aar.timeline.some((t) => t.kind === 'action' && t.text.zh.includes('plan_activated'))).toBe(true);
    expect(aar.corrective).toEqual([
      expect.objectContaining({ text: '修订燃气爆炸事件定级指引', owner: '值班长 张伟', status: 'open' }),
    ]);
    const done = await call(rt, 'exercise.corrective.update', { id: aar.corrective[0].id, status: 'done' });
    expect(done.corrective[0].status).toBe('done');

    // The PDF, in Chinese and English, carries the watermark and the report's content.
    const zh = await pdfText((await call(rt, 'exercise.aar.pdf', { lang: 'zh-CN' })).dataBase64);
    for (const text of [
      '演练 EXERCISE',
      '演练总结评估报告',
      '曹杨新村老旧小区燃气爆炸演练',
      '迅速确认并定级爆炸事件',
      '超时',
      '未完成',
      '首报确认迅速',
      '定级偏慢',
      '修订燃气爆炸事件定级指引',
      '值班长 张伟',
      '2026-04-30',
    ]) {
      expect(zh).toContain(text);
    }
    const en = await pdfText((await call(rt, 'exercise.aar.pdf', { lang: 'en' })).dataBase64);
    for (const text of [
      'EXERCISE',
      'After-action report',
      'Gas explosion in an old residential block',
      'missed',
      'late',
    ]) {
      expect(en).toContain(text);
    }
    expect(en).toMatch(/Mean time to acknowledge: 0\.7 min/);
  });
});
