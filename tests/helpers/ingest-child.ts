import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Start `core ingest` as a child process, as an operator would run it. */
export function startIngest(o: {
  db: string;
  url: string;
  token: string;
  seat: string;
  fault?: string;
  transport?: 'websocket' | 'polling';
  wrap?: string[];
}): ChildProcess {
  const args = [
    '--import',
    'tsx',
    'src/main/core/cli.ts',
    'ingest',
    '--db',
    o.db,
    '--feed',
    o.url,
    '--token',
    o.token,
    '--seat',
    o.seat,
  ];
  if (o.transport) args.push('--transport', o.transport);
  const cmd = o.wrap ? o.wrap[0] : process.execPath;
  const argv = o.wrap ? [...o.wrap.slice(1), process.execPath, ...args] : args;
  const env = { ...process.env };
  delete env.WF_FEEDS_FAULT;
  if (o.fault) env.WF_FEEDS_FAULT = o.fault;
  const child = spawn(cmd, argv, { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', () => undefined);
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
