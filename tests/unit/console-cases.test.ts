import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { toIndexText, toMatchQuery } from '../../src/main/core/cases/fts';
import type { NewReport } from '../../src/shared/schemas';
import { harness, type Harness } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('how FTS5 tokenizers treat Chinese (the measurement behind cases/fts.ts)', () => {
  const text = '浦东新区暴雨积水严重，世纪大道下立交封闭';
  const count = (tokenize: string, body: string, match: string): number => {
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = '${tokenize}')`);
      db.prepare('INSERT INTO t (body) VALUES (?)').run(body);
      return (db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?').get(match) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('unicode61 keeps a run of Chinese as one token, so a word inside it is not found', () => {
    expect(count('unicode61', text, '"积水"')).toBe(0);
    expect(count('unicode61', text, '"浦东新区暴雨积水严重"')).toBe(1);
  });

  it('trigram finds 3+ character substrings but not the 2-character words most queries are', () => {
    expect(count('trigram', text, '"暴雨积"')).toBe(1);
    expect(count('trigram', text, '"积水"')).toBe(0);
  });

  it('unicode61 over bigram-split text finds 1-, 2- and longer Chinese queries and keeps English working', () => {
    const indexed = toIndexText(`${text} Pump trucks dispatched to Century Avenue`);
    const q = (s: string): number => count('unicode61 remove_diacritics 2', indexed, toMatchQuery(s)!);
    expect(q('积水')).toBe(1);
    expect(q('暴雨积水')).toBe(1);
    expect(q('下立交')).toBe(1);
    expect(q('封')).toBe(1);
    expect(q('交')).toBe(1); // last character of a run
    expect(q('积雪')).toBe(0);
    expect(q('水暴')).toBe(0); // characters present but not adjacent in that order
    expect(q('pump')).toBe(1);
    expect(q('dispatch')).toBe(1); // prefix
    expect(q('century 积水')).toBe(1);
    expect(q('century 燃气')).toBe(0);
  });

  it('treats FTS syntax in what an operator types as text', () => {
    expect(toMatchQuery('"NEAR(a b)" OR *')).toBe('"NEAR"* AND "a" AND "b" AND "OR"');
    expect(toMatchQuery('  ，。 ')).toBeNull();
  });
});

describe('case library', () => {
  function closeCase(x: Harness, over: Partial<NewReport>, outcome: string, lessons: string): string {
    const inc = x.report({ lat: undefined, lon: undefined, ...over });
    for (const to of ['verified', 'responding', 'contained'] as const)
      x.call('incident.transition', { id: inc.id, to });
    x.call('incident.note', { id: inc.id, text: `现场记录：${over.title ?? ''}` });
    x.call('incident.close', { id: inc.id, outcome, lessons });
    x.clock.advance(60 * 24);
    return inc.id;
  }

  it('files closed incidents and finds them by Chinese and English text, category, district and date', () => {
    h = harness({ role: 'duty_chief' });
    const flood = closeCase(
      h,
      { title: '浦东新区世纪大道下立交积水', category: 'waterlogging', district: 'pudong' },
      '泵车强排两小时后积水排除',
      '下立交泵站需在暴雨预警后提前预排',
    );
    const gas = closeCase(
      h,
      { title: '闵行区莘庄小区燃气泄漏', category: 'gas', district: 'minhang' },
      '关阀后检测浓度归零，疏散居民32人',
      'Valve chambers were hard to find; keep the gas utility map current',
    );
    const flood2 = closeCase(
      h,
      { title: '宝山区友谊路积水', category: 'waterlogging', district: 'baoshan' },
      'Pump trucks cleared the water',
      '排水口被落叶堵塞，汛前应清掏',
    );
    const search = (q: object): string[] => h!.call('case.search', q).map((c) => c.incidentId);

    expect(search({ q: '积水' }).sort()).toEqual([flood, flood2].sort());
    expect(search({ q: '燃气' })).toEqual([gas]);
    expect(search({ q: '下立交 泵站' })).toEqual([flood]);
    expect(search({ q: '疏散' })).toEqual([gas]);
    expect(search({ q: 'pump' })).toEqual([flood2]);
    expect(search({ q: 'utility map' })).toEqual([gas]);
    expect(search({ q: '现场记录' }).length).toBe(3); // timeline text is indexed too
    expect(search({ q: '积水', district: 'baoshan' })).toEqual([flood2]);
    expect(search({ q: '', category: 'gas' })).toEqual([gas]);
    const all = h.call('case.search', { q: '' });
    const gasClosed = all.find((c) => c.incidentId === gas)!.closedAt;
    expect(search({ q: '', from: gasClosed, to: gasClosed + 1 })).toEqual([gas]);
    expect(search({ q: '地铁' })).toEqual([]);

    // Similar past cases beside a live incident: same category, shared title words.
    const live = h.report({ title: '世纪大道积水严重', category: 'waterlogging', district: 'pudong' });
    expect(h.call('case.similar', { incidentId: live.id, limit: 5 }).map((c) => c.incidentId)[0]).toBe(flood);

    // A reopened incident leaves the library; closing it again files it once.
    h.call('incident.transition', { id: gas, to: 'responding' });
    expect(search({ q: '燃气' })).toEqual([]);
    h.call('incident.transition', { id: gas, to: 'contained' });
    h.call('incident.close', { id: gas, outcome: '二次检测无残留', lessons: '复燃风险需复查' });
    expect(search({ q: '燃气' })).toEqual([gas]);
    expect(search({ q: '二次检测' })).toEqual([gas]);
    // The first closing stays findable through the timeline, but the case shows the latest outcome.
    const hits = h.call('case.search', { q: '疏散居民' });
    expect(hits.map((c) => c.incidentId)).toEqual([gas]);
    expect(hits[0].outcome).toBe('二次检测无残留');
  });

  it('runs the search through the FTS index and the case primary key (EXPLAIN QUERY PLAN)', () => {
    h = harness();
    const db = h.core.store.db;
    const plan = (sql: string, ...p: unknown[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail).join('\n');
    const fts = plan(
      'SELECT c.* FROM cases_fts f JOIN cases c ON c.rowid = f.rowid WHERE cases_fts MATCH ? AND c.category = ? ORDER BY f.rowid DESC LIMIT 50',
      '"积水"',
      'waterlogging',
    );
    expect(fts).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
    expect(fts).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan('SELECT * FROM cases c WHERE c.category = ? ORDER BY c.closed_at DESC LIMIT 50', 'gas')).toMatch(
      /SEARCH c USING INDEX cases_category \(category=\?\)/,
    );
  });
});
