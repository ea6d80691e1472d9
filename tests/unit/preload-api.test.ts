import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { buildApi, type IpcRendererLike } from '../../src/preload/api';
import type { Channel, ChangeBatch } from '../../src/shared/ipc';

/** Stands in for ipcRenderer: records invokes, emits events with a fake IpcRendererEvent first. */
class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  reply: (channel: string, payload: unknown) => Promise<unknown> = (channel) =>
    Promise.resolve({ ok: true, value: { echoed: channel } });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.sent.push({ channel, args });
    return this.reply(channel, args[0]);
  }

  emitFromMain(channel: string, payload: unknown): void {
    const rawEvent = { sender: this, senderId: 0, ports: [] };
    this.emit(channel, rawEvent, payload);
  }
}

const batch: ChangeBatch = { cursor: 7, changes: [{ id: 7, entity: 'incident', entityId: 'a', op: 'insert' }] };

describe('preload api', () => {
  it('invokes a known channel on its prefixed wire name with the request as is', async () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const r = await api.invoke('incident.list', { scope: 'all', limit: 5 });
    expect(ipc.sent).toEqual([{ channel: 'wf:incident.list', args: [{ scope: 'all', limit: 5 }] }]);
    expect(r).toEqual({ ok: true, value: { echoed: 'wf:incident.list' } });
  });

  it.each<unknown>([
    'shell.openExternal',
    'wf:app.info',
    '__proto__',
    'constructor',
    'toString',
    '',
    42,
    null,
    undefined,
    {},
  ])('refuses %s locally and sends nothing', async (name) => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const r = await api.invoke(name as Channel, {} as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unknown_channel');
    expect(ipc.sent).toEqual([]);
  });

  it('turns a rejected invoke into a typed failure', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.reply = () => Promise.reject(new Error('No handler registered'));
    const r = await buildApi(ipc).invoke('app.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'No handler registered' } });
  });

  it('on() hands the listener the payload only, never the raw IPC event', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const calls: unknown[][] = [];
    api.on('changes', (...args: unknown[]) => calls.push(args));
    ipc.emitFromMain('wf:event:changes', batch);
    expect(calls).toEqual([[batch]]);
    for (const arg of calls[0]) expect(arg).not.toHaveProperty('sender');
  });

  it('unsubscribe removes exactly its own listener, and twice is harmless', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.on('changes', (p) => a.push(p));
    api.on('changes', (p) => b.push(p));
    offA();
    offA();
    ipc.emitFromMain('wf:event:changes', batch);
    expect(a).toEqual([]);
    expect(b).toEqual([batch]);
    expect(ipc.listenerCount('wf:event:changes')).toBe(1);
  });

  it('on() ignores unknown events and non-function listeners without subscribing', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildApi(ipc);
    const off = api.on('not-an-event' as 'changes', () => undefined);
    api.on('changes', 'nope' as unknown as () => void);
    expect(ipc.eventNames()).toEqual([]);
    expect(off()).toBeUndefined();
  });

  it('exposes only invoke and on, frozen', () => {
    const api = buildApi(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
