import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME_LIST, EVENT_NAMES as EVENTS_ZOD_FREE } from '../../src/shared/channel-names';
import { CHANNEL_NAMES, channels, EVENT_NAMES, invokeChannel } from '../../src/shared/ipc';

describe('zod-free channel names', () => {
  it('list exactly the channels of the joined contract', () => {
    expect([...CHANNEL_NAME_LIST].sort()).toEqual(Object.keys(channels).sort());
    expect([...CHANNEL_NAME_LIST].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(new Set(CHANNEL_NAME_LIST).size).toBe(CHANNEL_NAME_LIST.length);
  });

  it('ipc.ts re-exports the same event list and wire names', () => {
    expect(EVENT_NAMES).toBe(EVENTS_ZOD_FREE);
    expect(invokeChannel('app.info')).toBe('wf:app.info');
  });

  it('the preload sources import nothing but electron and the zod-free shared modules', () => {
    const dir = path.resolve(__dirname, '../../src/preload');
    const allowed = new Set(['electron', './api', '../shared/channel-names']);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of src.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        const [, typeOnly, spec] = m;
        // Type-only imports vanish from the bundle; values must be on the list.
        if (!typeOnly) expect(allowed, `${file} imports ${spec}`).toContain(spec);
      }
    }
    const names = fs.readFileSync(path.resolve(__dirname, '../../src/shared/channel-names.ts'), 'utf8');
    expect(names).not.toMatch(/^import\s+(?!type\b)/m);
  });
});
