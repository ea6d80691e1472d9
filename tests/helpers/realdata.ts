import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared real-data folder: `<repo root>/../shared/realdata` (CI keeps
 * shared/ beside the clone). A git worktree sits one level deeper
 * (/work/wt/<branch>), so the parent of the parent is tried too. Never
 * copied into the repo.
 */
export function realdataDir(): string {
  const root = path.resolve(__dirname, '../..');
  for (const up of ['..', '../..']) {
    const dir = path.resolve(root, up, 'shared/realdata');
    if (fs.existsSync(dir)) return dir;
  }
  throw new Error(`shared/realdata not found beside ${root}; the real-data tests need it`);
}
