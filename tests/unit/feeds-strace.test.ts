import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import { openStore } from '../../src/main/core/store/db';
import { waitFor } from '../helpers/feeds';
import { exited, startIngest } from '../helpers/ingest-child';
import { tempDir } from '../helpers/tmp';
import type { ChildProcess } from 'node:child_process';

/**
 * Every ack must leave the machine after the commit of its events reached the
 * disk. Under strace, for each ack (stream, seq) we find the socket read that
 * brought event `seq` and require an fsync/fdatasync between that read and
 * the write carrying the ack. The polling transport is used so the acks are
 * readable in the trace (websocket frames from a client are masked).
 */
function hasStrace(): boolean {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let server: FeedServer | undefined;
let child: ChildProcess | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) {
    try {
      execFileSync('pkill', ['-KILL', '-P', String(child.pid)]);
    } catch {
      /* already gone */
    }
    child.kill('SIGKILL');
  }
  await server?.close();
  cleanups.splice(0).forEach((c) => c());
});

interface Verdict {
  acks: number;
  unflushed: number;
}

function judge(trace: string): Verdict {
  const lines = trace.split('\n');
  const lastReadOf = new Map<number, number>();
  let lastFsync = -1;
  let acks = 0;
  let unflushed = 0;
  lines.forEach((line, i) => {
    // With several threads traced, strace splits a call another thread interrupts into
    // "fsync(19 <unfinished ...>" and "<... fsync resumed>) = 0": the completion is what counts.
    if (/\b(fsync|fdatasync)\(|<\.\.\. (fsync|fdatasync) resumed>/.test(line) && /= 0$/.test(line.trim()))
      lastFsync = i;
    else if (/\b(read|recvfrom|recvmsg)\(|<\.\.\. (read|recvfrom|recvmsg) resumed>/.test(line)) {
      for (const m of line.matchAll(/\\"seq\\":(\d+)/g)) lastReadOf.set(Number(m[1]), i);
    } else if (/\b(write|writev|sendto|sendmsg)\(/.test(line) && line.includes('\\"ack\\"')) {
      for (const m of line.matchAll(/\\"ack\\",\{\\"stream\\":\\"[^\\]+\\",\\"seq\\":(\d+)/g)) {
        acks++;
        const arrived = lastReadOf.get(Number(m[1])) ?? -1;
        if (!(lastFsync > arrived)) unflushed++;
      }
    }
  });
  return { acks, unflushed };
}

async function traced(fault?: string): Promise<Verdict> {
  const { dir, cleanup } = tempDir('wf-strace-');
  cleanups.push(cleanup);
  const db = path.join(dir, 'live.db');
  openStore({ file: db }).close(); // migrated up front, so only ingestion flushes are traced
  const out = path.join(dir, 'trace.txt');
  server = await startFeedServer({ mode: 'live', tokens: ['t'], name: 'st' });
  child = startIngest({
    db,
    url: server.url,
    token: 't',
    seat: 'st',
    fault,
    transport: 'polling',
    wrap: [
      'strace',
      '-f',
      '-qq',
      '-s',
      '200000',
      '-e',
      'trace=fsync,fdatasync,read,recvfrom,recvmsg,write,writev,sendto,sendmsg',
      '-o',
      out,
    ],
  });
  await waitFor(() => server!.seats().some((s) => s.connected > 0), 40_000, 'seat connected');
  for (let burst = 0; burst < 10; burst++) {
    for (let i = 0; i < 50; i++)
      server.publish('s', 'unit.position', { unitId: `U${i}`, lat: 31.2, lon: 121.4, at: '2026-11-29T09:00:00+08:00' });
    await waitFor(() => server!.ackedSeq('s') >= (burst + 1) * 50, 20_000, `burst ${burst}`);
  }
  // SIGTERM to strace would only detach it: end the traced ingest process itself.
  const tracee = execFileSync('pgrep', ['-P', String(child.pid)])
    .toString()
    .trim()
    .split('\n')[0];
  process.kill(Number(tracee), 'SIGTERM');
  await exited(child);
  return judge(fs.readFileSync(out, 'utf8'));
}

describe.skipIf(!hasStrace())('acks follow a flush to disk (strace)', () => {
  it('every ack is preceded by fsync/fdatasync after its events arrived', async () => {
    const v = await traced();
    expect(v.acks).toBeGreaterThan(5);
    expect(v.unflushed).toBe(0);
  }, 90_000);

  it('catches the planted fault ack-before-commit', async () => {
    const v = await traced('ack-before-commit');
    expect(v.acks).toBeGreaterThan(5);
    expect(v.unflushed).toBeGreaterThan(0);
  }, 90_000);
});

if (!hasStrace()) {
  describe('acks follow a flush to disk (strace)', () => {
    it.skip('skipped: strace is not installed on this machine', () => undefined);
  });
}
