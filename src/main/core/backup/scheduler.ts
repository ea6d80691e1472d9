import fs from 'node:fs';
import path from 'node:path';
import type { BackupScheduleState } from '../../../shared/contracts/console';
import { pruneBackups } from './service';

/** Timer functions, replaceable so a test can drive the schedule on a fake clock. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The worker's message port keeps the core alive; the schedule must not keep a closing process up.
    t.unref();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

const HOUR = 3_600_000;

interface Settings {
  dir: string;
  everyHours: number;
  keep: number;
}

/**
 * Scheduled backups inside the core: every N hours a backup is written to the
 * chosen folder and all but the newest `keep` are removed. The settings live in
 * a small JSON file beside the store so the schedule survives a restart; the
 * timer is re-armed after each run (a slow backup never overlaps the next) and
 * stopped when the core closes.
 */
export class BackupScheduler {
  private settings: Settings;
  private handle: unknown = null;
  private stopped = false;
  private lastRunAt: number | null = null;
  private lastFile: string | null = null;
  private lastError: string | null = null;
  private nextAt: number | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly backup: (dir: string) => Promise<string>,
    private readonly now: () => number,
    private readonly defaultDir: string,
    private readonly settingsFile: string | null,
    private readonly timers: Timers = realTimers,
  ) {
    this.settings = { dir: defaultDir, everyHours: 0, keep: 14, ...this.load() };
    this.arm();
  }

  state(): BackupScheduleState {
    return {
      ...this.settings,
      defaultDir: this.defaultDir,
      lastRunAt: this.lastRunAt,
      lastFile: this.lastFile,
      lastError: this.lastError,
      nextAt: this.nextAt,
      running: this.running !== null,
    };
  }

  /** everyHours 0 turns the schedule off. */
  configure(s: Settings): BackupScheduleState {
    this.settings = { ...s };
    if (this.settingsFile) fs.writeFileSync(this.settingsFile, JSON.stringify(this.settings, null, 2));
    this.arm();
    return this.state();
  }

  /** One scheduled run now (the timer calls this; exposed for tests and for "run the schedule now"). */
  async runNow(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        this.lastFile = await this.backup(this.settings.dir);
        pruneBackups(this.settings.dir, this.settings.keep);
        this.lastError = null;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
      } finally {
        this.lastRunAt = this.now();
        this.running = null;
      }
    })();
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    if (this.stopped || this.settings.everyHours <= 0) return;
    const ms = this.settings.everyHours * HOUR;
    this.nextAt = this.now() + ms;
    this.handle = this.timers.set(() => {
      this.handle = null;
      void this.runNow().then(() => this.arm());
    }, ms);
  }

  private disarm(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
    this.nextAt = null;
  }

  private load(): Partial<Settings> {
    if (!this.settingsFile) return {};
    try {
      const raw = JSON.parse(fs.readFileSync(this.settingsFile, 'utf8')) as Partial<Settings>;
      const out: Partial<Settings> = {};
      if (typeof raw.dir === 'string' && raw.dir) out.dir = raw.dir;
      if (typeof raw.everyHours === 'number' && raw.everyHours >= 0) out.everyHours = raw.everyHours;
      if (typeof raw.keep === 'number' && raw.keep >= 1) out.keep = raw.keep;
      return out;
    } catch {
      // No file yet (or an unreadable one): the schedule starts off.
      return {};
    }
  }
}

/** Where backups go unless the operator names another folder: beside the store. */
export function defaultBackupDir(storeFile: string): string {
  return path.join(path.dirname(storeFile), 'backups');
}
