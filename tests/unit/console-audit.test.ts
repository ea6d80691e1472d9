import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/main/core/audit/service';
import { runGuarded } from '../../src/main/core/console/guard';
import { harness, type Harness } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

function busyShift(x: Harness): string {
  const inc = x.report();
  x.call('incident.acknowledge', { id: inc.id });
  x.call('incident.transition', { id: inc.id, to: 'verified' });
  x.call('incident.note', { id: inc.id, text: '泵车已到场' });
  x.raw('incident.setLevel', { id: inc.id, level: 1, reason: '试图越权' }); // refused, still audited
  x.call('queue.query', {}); // a read: not audited
  return inc.id;
}

describe('audit log', () => {
  it('records every write through the core, with who, seat, role, before and after', () => {
    h = harness();
    const id = busyShift(h);
    const log = h.call('audit.list', { limit: 50 }).reverse();
    expect(log.map((e) => [e.action, e.outcome])).toEqual([
      ['incident.create', 'ok'],
      ['incident.acknowledge', 'ok'],
      ['incident.transition', 'ok'],
      ['incident.note', 'ok'],
      ['incident.setLevel', 'refused'],
    ]);
    const t = log[2];
    expect(t).toMatchObject({ seat: 'seat-1', operator: 'zhang.wei', role: 'duty_officer', target: id });
    expect(JSON.parse(t.before!)).toMatchObject({ id, status: 'reported' });
    expect(JSON.parse(t.after!)).toMatchObject({ id, status: 'verified' });
    expect(JSON.parse(t.request!)).toEqual({ id, to: 'verified' });
    expect(h.call('audit.verify', {})).toMatchObject({ intact: true, count: 5 });
  });

  it('cannot be edited or deleted through SQL while its triggers stand', () => {
    h = harness();
    busyShift(h);
    const db = h.core.store.db;
    expect(() => db.prepare("UPDATE audit_log SET operator = 'someone.else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('detects an altered entry, a deleted entry and a re-hashed entry, naming the first broken one', () => {
    h = harness();
    busyShift(h);
    const db = h.core.store.db;
    // Someone with the file drops the trigger and edits history.
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit_log SET operator = 'someone.else' WHERE seq = 3").run();
    expect(h.call('audit.verify', {})).toEqual({
      intact: false,
      count: 2,
      firstBroken: { seq: 3, problem: 'altered_entry', at: expect.any(Number) },
    });
    // Re-hashing the edited row does not help: the next link breaks.
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, unknown>;
    const body = canonicalJson({ ...row, prev_hash: undefined, hash: undefined });
    const forged = createHash('sha256').update(String(row.prev_hash)).update(body).digest('hex');
    db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(forged);
    expect(h.call('audit.verify', {})).toMatchObject({
      intact: false,
      firstBroken: { seq: 4, problem: 'broken_link' },
    });

    const h2 = harness();
    try {
      busyShift(h2);
      const db2 = h2.core.store.db;
      db2.exec('DROP TRIGGER audit_no_delete');
      db2.prepare('DELETE FROM audit_log WHERE seq = 2').run();
      expect(h2.call('audit.verify', {})).toMatchObject({
        intact: false,
        count: 1,
        firstBroken: { seq: 3, problem: 'missing_entry' },
      });
    } finally {
      h2.close();
    }
  });

  it('exports the log for an inquiry as CSV and JSON, with the verdict, for senior roles only', () => {
    h = harness();
    busyShift(h);
    const dir = path.join(h.dir, 'inquiry');
    const refused = h.raw('audit.export', { dir });
    expect(refused.ok ? '' : refused.error.code).toBe('refused');
    h.core.ctx.actor.role = 'duty_chief';
    const out = h.call('audit.export', { dir });
    // The export itself is audited after it is written, so the files hold the 6 entries before it.
    expect(out.count).toBe(6);
    const csv = fs.readFileSync(out.csv, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    // (trim() also drops the BOM, which is whitespace to JavaScript)
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,seat,operator,role,action,target,request,before,after,outcome,prev_hash,hash');
    expect(lines).toHaveLength(7);
    expect(csv).toContain('浦东新区世纪大道下立交积水');
    const json = JSON.parse(fs.readFileSync(out.json, 'utf8')) as { verdict: { intact: boolean }; entries: unknown[] };
    expect(json.verdict.intact).toBe(true);
    expect(json.entries).toHaveLength(6);
    expect(h.call('audit.verify', {})).toMatchObject({ intact: true, count: 7 });
  });
});

describe('request gate for channels other modules add', () => {
  it('lets the wall read an undeclared channel, audits an undeclared write, and refuses it from the wall', () => {
    h = harness({ role: 'wall_readonly' });
    const db = h.core.store.db;
    const audit = h.core.console.audit;
    // A read this file was never told about (say the rosters' "who is on duty now").
    expect(runGuarded(h.core.ctx, audit, 'roster.onDuty', {}, () => 'zhang.wei')).toBe('zhang.wei');
    // A write it was never told about: refused for the wall and rolled back, the attempt audited.
    const write = (): number =>
      runGuarded(h!.core.ctx, audit, 'roster.swap', { name: 'probe' }, () => {
        db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'x')").run();
        return 1;
      });
    expect(write).toThrow(/not allowed for the wall display/);
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'probe'").get()).toEqual({ n: 0 });
    h.core.ctx.actor.role = 'duty_officer';
    expect(write()).toBe(1);
    const log = h.call('audit.list', { limit: 10 }).reverse();
    expect(log.map((e) => [e.action, e.role, e.outcome])).toEqual([
      ['roster.swap', 'wall_readonly', 'refused'],
      ['roster.swap', 'duty_officer', 'ok'],
    ]);
    expect(h.call('audit.verify', {})).toMatchObject({ intact: true, count: 2 });
  });
});
