import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared real-data folder: `<repo root>/../shared/realdata` (how CI lays it
 * out). A git worktree sits one level deeper (wt/<branch>), so its parent's
 * parent is tried too.
 */
export function realdataDir(): string {
  const root = path.resolve(__dirname, '../..');
  const candidates = [path.resolve(root, '../shared/realdata'), path.resolve(root, '../../shared/realdata')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`shared/realdata not found beside the repository (looked in ${candidates.join(', ')})`);
  return found;
}
