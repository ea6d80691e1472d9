import fs from 'node:fs';
import type { RestoreResult } from '../../../shared/contracts/console';
import { CoreError } from '../../../shared/result';
import type { Core } from '../core';
import { requireRole } from '../roles/guard';
import { SCHEMA_VERSION } from '../store/db';
import { inspectBackup, restoreBackup, storeCounts } from './service';

/** What the seat runtime lends a restore: its live core, and how to close and reopen it. */
export interface LiveStoreSwap {
  liveFile: string;
  /** The live core, open now. */
  live: Core;
  /** The runtime forgets its live core (the restore closes it). */
  detach(): void;
  /** Open the live store again and make it the seat's current core. */
  reopen(): Core;
  now(): number;
}

function describe(err: unknown): { code: CoreError['code']; message: string } {
  const text = err instanceof Error ? err.message : String(err);
  // Driver messages end without a full stop; the sentence after them needs one.
  const message = /[.。!?]$/.test(text) ? text : `${text}.`;
  return { code: err instanceof CoreError ? err.code : 'internal', message };
}

/**
 * Restore a backup over the live store while the seat runs: check who asks
 * and what the backup holds first (a refusal touches nothing), close the live
 * core, put the backup in place (the replaced store is kept beside it, never
 * deleted), reopen, carry the signed-in operator over, and append to the
 * restored store's audit chain who restored which backup. If anything fails
 * after the close, the original store is put back and reopened, and the
 * operator is told why.
 */
export async function restoreLiveStore(swap: LiveStoreSwap, backupFile: string): Promise<RestoreResult> {
  const { live } = swap;
  const request = { file: backupFile };
  try {
    requireRole(live.ctx.actor, 'backup.restore', true);
  } catch (err) {
    // A refused attempt is recorded like any refused action (console/guard.ts).
    live.console.audit.append(live.ctx.actor, {
      action: 'backup.restore',
      target: backupFile,
      request,
      outcome: describe(err).code,
    });
    live.flushChanges();
    throw err;
  }
  let info;
  try {
    info = inspectBackup(backupFile);
  } catch (err) {
    const e = describe(err);
    throw new CoreError(e.code, `The backup was not restored: ${e.message} The live store was not touched.`);
  }
  if (info.integrity !== 'ok') {
    throw new CoreError(
      'refused',
      `The backup was not restored: it failed its integrity check (${info.integrity}). Choose another backup; the live store was not touched.`,
    );
  }
  if (info.schemaVersion > SCHEMA_VERSION) {
    throw new CoreError(
      'refused',
      `The backup was not restored: it was written by a newer Watchfloor (schema ${info.schemaVersion}, this one reads up to ${SCHEMA_VERSION}). The live store was not touched.`,
    );
  }
  const before = { store: swap.liveFile, counts: storeCounts(live.ctx.db) };
  const session = live.console.sessions.session();
  const at = swap.now();

  // Whichever store ends up open, the person at the seat stays signed in.
  const reopen = (): Core => {
    const core = swap.reopen();
    core.console.sessions.resume(session);
    return core;
  };
  swap.detach();
  const checked = live.console.integrity.stop();
  live.close();
  // The start-up check reads the file in its own thread; wait until it has let go.
  await checked;
  let result: { keptOld: string | null };
  try {
    result = restoreBackup(swap.liveFile, backupFile, at);
  } catch (err) {
    const e = describe(err);
    // The store was closed and reopened, not changed: the failed attempt goes on its record.
    const back = reopen();
    back.console.audit.append(back.ctx.actor, {
      action: 'backup.restore',
      target: backupFile,
      request,
      outcome: e.code,
    });
    throw new CoreError(
      e.code,
      `The backup was not restored: ${e.message} The live store is as it was and open again.`,
    );
  }
  let core: Core;
  try {
    core = reopen();
  } catch (err) {
    // The restored file would not open: put the original back, keep the failed copy for the technician.
    if (result.keptOld) {
      fs.renameSync(swap.liveFile, `${swap.liveFile}.failed-restore-${at}`);
      fs.renameSync(result.keptOld, swap.liveFile);
    }
    const back = reopen();
    back.console.audit.append(back.ctx.actor, {
      action: 'backup.restore',
      target: backupFile,
      request,
      outcome: 'refused',
    });
    throw new CoreError(
      'refused',
      `The backup was not restored: the restored store would not open (${describe(err).message}). The original store is back in place and open.`,
    );
  }
  core.console.audit.append(core.ctx.actor, {
    action: 'backup.restore',
    target: backupFile,
    request,
    before,
    after: {
      backup: backupFile,
      createdAt: info.createdAt,
      schemaVersion: info.schemaVersion,
      counts: info.counts,
      keptOld: result.keptOld,
    },
    outcome: 'ok',
  });
  return { backup: info, keptOld: result.keptOld, restoredAt: at };
}
