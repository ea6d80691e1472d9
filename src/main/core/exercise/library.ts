import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioSummary } from '../../../shared/contracts/exercise';
import { scenarioSchema, type Scenario } from '../../../shared/exercise-scenario';
import { CoreError } from '../../../shared/result';
import { builtInScenario, builtInScenarios } from './scenarios/index';

/**
 * Scenarios a seat can run: the built-ins, and those imported from MSEL files
 * or made from a closed incident, kept as one JSON file each in
 * `<data folder>/scenarios/` — outside every store, so importing one never
 * writes to live.db.
 */
export class ScenarioLibrary {
  constructor(private readonly dir: string) {}

  static forDataDir(dataDir: string): ScenarioLibrary {
    return new ScenarioLibrary(path.join(dataDir, 'scenarios'));
  }

  list(): ScenarioSummary[] {
    const out = builtInScenarios().map((s) => summarize(s, true));
    for (const s of this.stored()) out.push(summarize(s, false));
    return out;
  }

  get(id: string): Scenario {
    const b = builtInScenario(id);
    if (b) return b;
    const file = this.fileOf(id);
    if (!fs.existsSync(file))
      throw new CoreError('not_found', `There is no scenario "${id}". Import it or pick another.`);
    const parsed = scenarioSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new CoreError(
        'invalid_request',
        `The scenario file ${file} is not a valid scenario: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    return parsed.data;
  }

  /** Save (write to a temporary file, then rename, so a crash never leaves half a scenario). */
  save(s: Scenario): ScenarioSummary {
    if (builtInScenario(s.id)) {
      throw new CoreError('conflict', `"${s.id}" is a built-in scenario; give the imported one another id.`);
    }
    const valid = scenarioSchema.parse(s);
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(valid.id);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(valid, null, 2));
    fs.renameSync(tmp, file);
    return summarize(valid, false);
  }

  private fileOf(id: string): string {
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(id)) throw new CoreError('invalid_request', `"${id}" is not a scenario id`);
    return path.join(this.dir, `${id}.json`);
  }

  private stored(): Scenario[] {
    if (!fs.existsSync(this.dir)) return [];
    const out: Scenario[] = [];
    for (const f of fs.readdirSync(this.dir).sort()) {
      if (!f.endsWith('.json')) continue;
      const parsed = scenarioSchema.safeParse(JSON.parse(fs.readFileSync(path.join(this.dir, f), 'utf8')));
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }
}

export function summarize(s: Scenario, builtIn: boolean): ScenarioSummary {
  const streams = new Set<string>();
  for (const i of s.injects) streams.add(i.delivery === 'feed' ? i.stream : i.delivery);
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    summary: s.summary ?? null,
    durationMinutes: s.durationMinutes,
    injectCount: s.injects.length,
    streams: [...streams].sort(),
    builtIn,
  };
}
