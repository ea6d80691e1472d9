import { useCallback, useEffect, useState } from 'react';
import type { JobState } from '../../../shared/contracts/console';
import { callOrToast } from '../api';

/**
 * Follow a core job (backup, report export) until it is done: the core
 * answers the start with the job's id and `job.get` with its progress.
 */
export function useJob(): { job: JobState | null; follow: (j: JobState | null) => void } {
  const [job, setJob] = useState<JobState | null>(null);
  useEffect(() => {
    if (!job || job.done) return;
    const id = setTimeout(() => void callOrToast('job.get', { jobId: job.id }).then((j) => j && setJob(j)), 250);
    return () => clearTimeout(id);
  }, [job]);
  const follow = useCallback((j: JobState | null) => setJob(j), []);
  return { job, follow };
}
