import { uuidv7 } from 'uuidv7';
import type { JobState } from '../../../shared/contracts/console';
import { CoreError } from '../../../shared/result';

/**
 * Long work (PDF exports, backups) runs as a job: the request returns at once
 * with a job id, the work reports progress, and the console polls `job.get`
 * (and sees a `job` change) to draw a progress bar.
 */
export class Jobs {
  private readonly jobs = new Map<string, JobState>();

  constructor(private readonly notify: (id: string) => void) {}

  start(kind: string, work: (progress: (f: number) => void) => Promise<string[]>): JobState {
    const id = uuidv7();
    const state: JobState = { id, kind, progress: 0, done: false, files: [], error: null };
    this.jobs.set(id, state);
    const progress = (f: number): void => {
      state.progress = Math.max(state.progress, Math.min(1, f));
    };
    // Started on the next tick so the caller has its job id before any progress.
    setImmediate(() => {
      work(progress)
        .then((files) => {
          state.files = files;
          state.progress = 1;
        })
        .catch((err: unknown) => {
          state.error = err instanceof Error ? err.message : String(err);
        })
        .finally(() => {
          state.done = true;
          this.notify(id);
        });
    });
    return { ...state };
  }

  get(id: string): JobState {
    const s = this.jobs.get(id);
    if (!s) throw new CoreError('not_found', `job ${id} not found (jobs are kept until the seat restarts)`);
    return { ...s, files: [...s.files] };
  }

  /** Resolve when the job is done (tests, CLI). */
  async wait(id: string): Promise<JobState> {
    for (;;) {
      const s = this.get(id);
      if (s.done) return s;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
