import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessCore } from '../../src/main/core/client';
import { bindIpc, type IpcMainLike } from '../../src/main/ipc/bind';
import { createRouter } from '../../src/main/ipc/router';
import { allowedOrigins } from '../../src/main/security/urls';
import { CHANNEL_NAMES, invokeChannel } from '../../src/shared/ipc';
import type { Result } from '../../src/shared/result';
import { tempDir } from '../helpers/tmp';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What Electron does for an invoke: find the handler or reject. */
  invoke(channel: string, event: IpcMainInvokeEvent, payload: unknown): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return h(event, payload);
  }
}

const ours = { id: 1 };
const foreign = { id: 2 };
const event = (sender: object, url: string | null): IpcMainInvokeEvent =>
  ({ sender, senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(): { ipc: FakeIpcMain; unbind: () => void } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const core = inProcessCore({
    dbFile: path.join(t.dir, 'live.db'),
    seat: 'console-1',
    operator: 'duty',
    mode: 'live',
    version: '0.1.0',
  });
  cleanups.push(() => core.close());
  const ipc = new FakeIpcMain();
  const router = createRouter(core, allowedOrigins({ packaged: true }));
  const unbind = bindIpc(ipc, router, (sender) => sender === ours);
  return { ipc, unbind };
}

const report = {
  title: '黄浦区 南京东路 火情',
  category: 'fire',
  level: 2,
  district: 'huangpu',
  channel: '119',
};

describe('IPC binding (fake ipcMain, real router and core on a real SQLite file)', () => {
  it('registers exactly one handler per contract channel and nothing else', () => {
    const { ipc, unbind } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(invokeChannel).sort());
    unbind();
    expect(ipc.handlers.size).toBe(0);
  });

  it('a report from our window at app://watchfloor is stored and read back', async () => {
    const { ipc } = setup();
    const e = event(ours, 'app://watchfloor/index.html#/console');
    const created = (await ipc.invoke('wf:incident.create', e, report)) as Result<{ id: string; title: string }>;
    expect(created.ok, JSON.stringify(created)).toBe(true);
    if (!created.ok) return;
    const got = (await ipc.invoke('wf:incident.get', e, { id: created.value.id })) as Result<{
      incident: { title: string };
    }>;
    expect(got.ok && got.value.incident.title).toBe(report.title);
  });

  it.each([
    ['a foreign webContents at our URL', foreign, 'app://watchfloor/index.html'],
    ['our window at another host', ours, 'app://evil/index.html'],
    ['our window at the dev server in a packaged build', ours, 'http://localhost:5173/'],
    ['our window whose frame is gone', ours, null],
  ])('refuses %s', async (_label, sender, url) => {
    const { ipc } = setup();
    const r = (await ipc.invoke('wf:incident.create', event(sender, url), report)) as Result<unknown>;
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const list = (await ipc.invoke('wf:incident.list', event(ours, 'app://watchfloor/'), { scope: 'all' })) as Result<
      unknown[]
    >;
    expect(list.ok && list.value).toEqual([]);
  });

  it('an invalid payload is refused with field issues and stores nothing', async () => {
    const { ipc } = setup();
    const e = event(ours, 'app://watchfloor/index.html');
    const r = (await ipc.invoke('wf:incident.create', e, { ...report, level: 9, extra: true })) as Result<unknown>;
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const list = (await ipc.invoke('wf:incident.list', e, { scope: 'all' })) as Result<unknown[]>;
    expect(list.ok && list.value).toEqual([]);
  });

  it('there is no generic channel: anything off the contract has no handler', async () => {
    const { ipc } = setup();
    const e = event(ours, 'app://watchfloor/index.html');
    for (const wire of ['wf:invoke', 'wf:*', 'wf:event:changes', 'app.info', 'wf:shell.openExternal']) {
      await expect(ipc.invoke(wire, e, {})).rejects.toThrow(/No handler/);
    }
  });
});
