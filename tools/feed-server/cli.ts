/**
 * Reference feed server for developers: `npm run feeds:dev -- [options]`
 *
 *   --port 4800 --mode live|exercise --token dev-token (repeatable) --name reference
 *   --rate 50                  synthetic events per second (0 = none)
 *   --drop-every 30            drop every connection every N seconds
 *   --restart-every 0          restart the server every N seconds (history kept)
 *   --dup-every 0 / --gap-every 0 / --hostile-every 0   inject faults every N seconds
 *
 * Type commands on stdin: drop | restart | dup <n> | gap <n> | hostile <n> | burst <n> | stats | quit
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Generator } from './generator';
import { startReferenceServer } from './reference';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4800' },
    mode: { type: 'string', default: 'live' },
    token: { type: 'string', multiple: true, default: ['dev-token'] },
    name: { type: 'string', default: 'reference' },
    rate: { type: 'string', default: '20' },
    'drop-every': { type: 'string', default: '0' },
    'restart-every': { type: 'string', default: '0' },
    'dup-every': { type: 'string', default: '0' },
    'gap-every': { type: 'string', default: '0' },
    'hostile-every': { type: 'string', default: '0' },
  },
});
if (values.mode !== 'live' && values.mode !== 'exercise') throw new Error('--mode must be live or exercise');

const server = await startReferenceServer({
  port: Number(values.port),
  mode: values.mode,
  tokens: values.token,
  name: values.name,
});
const gen = new Generator();
const say = (s: string): void => void process.stdout.write(`${new Date().toISOString()} ${s}\n`);
say(`feed server ${values.name} (${values.mode}) on ${server.url}/feed, tokens: ${values.token.length}`);

const emit = (n: number): void => {
  for (let i = 0; i < n; i++) {
    const g = gen.next();
    server.publish(g.stream, g.type, g.payload);
  }
};
const timers: NodeJS.Timeout[] = [];
const every = (sec: string, f: () => void): void => {
  const s = Number(sec);
  if (s > 0) timers.push(setInterval(f, s * 1000));
};
const rate = Number(values.rate);
if (rate > 0) timers.push(setInterval(() => emit(Math.max(1, Math.round(rate / 10))), 100));
every(values['drop-every'], () => (server.drop(), say('dropped connections')));
every(values['restart-every'], () => void server.restart(500).then(() => say('restarted')));
every(values['dup-every'], () => say(`resent up to seq ${server.duplicate('avl-fire', 50)}`));
every(values['gap-every'], () => (server.gap('avl-fire', 3), say('gap of 3 on avl-fire')));
every(values['hostile-every'], () => (server.hostile('hotline-12345', 6), say('6 hostile messages on hotline-12345')));

const stats = (): void => {
  for (const s of server.log.streams()) say(`${s}: head ${server.log.head(s)}, acked ${server.ackedSeq(s)}`);
  for (const c of server.current().seats()) say(`seat ${c.seat}: ${c.connected} connection(s)`);
};
const quit = async (): Promise<void> => {
  timers.forEach(clearInterval);
  await server.close();
  process.exit(0);
};
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  const n = Number(arg ?? '10');
  if (cmd === 'drop') server.drop();
  else if (cmd === 'restart') void server.restart(500).then(() => say('restarted'));
  else if (cmd === 'dup') say(`resent up to seq ${server.duplicate('avl-fire', n)}`);
  else if (cmd === 'gap') server.gap('avl-fire', n);
  else if (cmd === 'hostile') server.hostile('hotline-12345', n);
  else if (cmd === 'burst') emit(n);
  else if (cmd === 'stats') stats();
  else if (cmd === 'quit') void quit();
  else if (cmd) say('commands: drop | restart | dup <n> | gap <n> | hostile <n> | burst <n> | stats | quit');
});
process.on('SIGINT', () => void quit());
process.on('SIGTERM', () => void quit());
