import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { feedErrorText } from '../../src/renderer/src/feeds/feed-error';

/** The feed health screen says what went wrong in the operator's language, not in the core's English. */
const LOCALES = path.resolve(import.meta.dirname, '../../src/renderer/src/i18n/locales');

async function feedsT(lang: string): Promise<TFunction> {
  const i = i18next.createInstance();
  await i.init({
    lng: lang,
    ns: ['feeds'],
    defaultNS: 'feeds',
    resources: { [lang]: { feeds: JSON.parse(fs.readFileSync(path.join(LOCALES, lang, 'feeds.json'), 'utf8')) } },
  });
  return i.t;
}

const raw = (kind: string | null, reason: string | null, lastError = 'the core said so') =>
  ({ lastError, lastErrorKind: kind, lastErrorReason: reason }) as Parameters<typeof feedErrorText>[0];

describe('a feed error in the operator’s language', () => {
  it('says each kind in Chinese, with socket.io’s reasons in words', async () => {
    const t = await feedsT('zh-CN');
    expect(feedErrorText(raw('mode_mismatch', 'exercise'), t)).toBe(
      '数据源为演练模式，与本席位不符：已拒绝，未存储任何数据',
    );
    expect(feedErrorText(raw('unauthorized', 'unauthorized'), t)).toBe('数据源拒绝了令牌：请在数据源设置中检查令牌');
    expect(feedErrorText(raw('disconnected', 'transport close'), t)).toBe('连接断开：连接被关闭');
    expect(feedErrorText(raw('disconnected', 'io server disconnect'), t)).toBe('连接断开：数据源关闭了连接');
    expect(feedErrorText(raw('connect_error', 'xhr poll error'), t)).toBe('无法连接：HTTP 轮询错误');
  });

  it('says them in English; an unknown reason is shown as it came; no kind keeps the core’s words', async () => {
    const t = await feedsT('en');
    expect(feedErrorText(raw('mode_mismatch', 'live'), t)).toBe(
      "The feed is in Live mode, not this seat's: refused, nothing stored",
    );
    expect(feedErrorText(raw('disconnected', 'ping timeout'), t)).toBe('Disconnected: no heartbeat from the feed');
    expect(feedErrorText(raw('connect_error', 'ECONNREFUSED 127.0.0.1:9'), t)).toBe(
      'Cannot connect: ECONNREFUSED 127.0.0.1:9',
    );
    expect(feedErrorText(raw('mode_mismatch', 'undefined'), t)).toBe(
      "The feed is in undefined mode, not this seat's: refused, nothing stored",
    );
    expect(feedErrorText(raw(null, null), t)).toBe('the core said so');
    expect(feedErrorText(raw(null, null, null as unknown as string), t)).toBeNull();
  });
});
