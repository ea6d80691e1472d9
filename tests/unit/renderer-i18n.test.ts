import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_CODES,
  DISTRICT_CODES,
  DISTRICTS,
  INCIDENT_CLASSES,
  INCIDENT_STATUSES,
  LEVELS,
  REPORT_CHANNELS,
} from '../../src/shared/domain';
import { EMPTY_DRAFT, serverErrors, validateDraft } from '../../src/renderer/src/console/reportForm';

const LOCALES = path.resolve(import.meta.dirname, '../../src/renderer/src/i18n/locales');
const LANGS = ['zh-CN', 'en'];

type Tree = { [k: string]: string | Tree };

function load(lang: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(LOCALES, lang, `${ns}.json`), 'utf8')) as Tree;
}

/** Flattened keys, with plural suffixes folded so zh (`_other` only) and en (`_one`/`_other`) compare equal. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k.replace(/_(one|other)$/, '')}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('renderer i18n resources', () => {
  const namespaces = fs.readdirSync(path.join(LOCALES, 'zh-CN')).map((f) => f.replace(/\.json$/, ''));

  it('has the same namespaces and keys in every language', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'domain', 'console', 'board']));
    for (const lang of LANGS) {
      expect(fs.readdirSync(path.join(LOCALES, lang)).sort()).toEqual(namespaces.map((n) => `${n}.json`).sort());
    }
    for (const ns of namespaces) {
      expect(new Set(keys(load('en', ns))), ns).toEqual(new Set(keys(load('zh-CN', ns))));
    }
  });

  it('labels every domain code in both languages, with the official Chinese district names', () => {
    for (const lang of LANGS) {
      const d = load(lang, 'domain') as Record<string, Record<string, string>>;
      const nonEmpty = (group: string, codes: readonly (string | number)[]): void => {
        for (const c of codes) expect(d[group][String(c)], `${lang} ${group}.${c}`).toMatch(/\S/);
      };
      nonEmpty('category', CATEGORY_CODES);
      nonEmpty('class', INCIDENT_CLASSES);
      nonEmpty('level', LEVELS);
      nonEmpty('levelShort', LEVELS);
      nonEmpty('status', INCIDENT_STATUSES);
      nonEmpty('channel', REPORT_CHANNELS);
      nonEmpty('district', DISTRICT_CODES);
    }
    const zh = load('zh-CN', 'domain') as Record<string, Record<string, string>>;
    for (const code of DISTRICT_CODES) expect(zh.district[code]).toBe(DISTRICTS[code].zh);
  });
});

describe('report form validation', () => {
  async function tFor(lang: string): Promise<typeof i18next.t> {
    const inst = i18next.createInstance();
    await inst.init({
      lng: lang,
      ns: ['console'],
      defaultNS: 'console',
      resources: { [lang]: { console: load(lang, 'console') } },
      interpolation: { escapeValue: false },
    });
    return inst.t;
  }

  it('reports every bad field at once, the lat/lon pairing included', async () => {
    const t = await tFor('zh-CN');
    const r = validateDraft({ ...EMPTY_DRAFT, reporterPhone: 'call me', lat: '31.2' }, t);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      title: '此项必填。',
      category: '请从列表中选择。',
      level: '请从列表中选择。',
      district: '请从列表中选择。',
      lat: '纬度和经度须同时填写或同时留空。',
    });
    expect(r.errors.reporterPhone).toContain('电话号码格式不正确');
  });

  it('rejects coordinates outside Shanghai and text that is not a number', async () => {
    const t = await tFor('en');
    const base = {
      ...EMPTY_DRAFT,
      title: '浦东新区张江路积水严重',
      category: 'waterlogging',
      level: '3',
      district: 'pudong',
    };
    const far = validateDraft({ ...base, lat: '39.9', lon: '116.4' }, t);
    expect(far.ok ? {} : far.errors).toEqual({
      lat: 'Latitude is outside Shanghai (30.6–31.9).',
      lon: 'Longitude is outside Shanghai (120.8–122.2).',
    });
    const nan = validateDraft({ ...base, lat: 'north', lon: '121.5' }, t);
    expect(nan.ok ? {} : nan.errors).toEqual({ lat: 'Enter a number.' });
    const good = validateDraft({ ...base, lat: ' 31.2 ', lon: '121.5', address: '  ' }, t);
    expect(good).toEqual({
      ok: true,
      value: {
        title: '浦东新区张江路积水严重',
        category: 'waterlogging',
        level: 3,
        district: 'pudong',
        channel: '12345',
        lat: 31.2,
        lon: 121.5,
      },
    });
  });

  it("puts the core's issues on the right fields", async () => {
    const t = await tFor('en');
    expect(
      serverErrors(
        [
          { path: 'reporterPhone', message: 'phone' },
          { path: 'lat', message: 'lat_lon_pair' },
          { path: 'title', message: 'Too small' },
          { path: 'nonsense', message: 'x' },
        ],
        t,
      ),
    ).toEqual({
      reporterPhone: 'Not a phone number (digits, spaces and hyphens, optional +).',
      lat: 'Give both latitude and longitude, or neither.',
      title: 'Refused by the core: Too small',
    });
  });
});
