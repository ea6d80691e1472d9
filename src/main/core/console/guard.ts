import type { Database as Db } from 'better-sqlite3';
import { isAction, isReadChannel } from '../../../shared/console/roles';
import { CoreError } from '../../../shared/result';
import type { AuditLog } from '../audit/service';
import type { CoreContext } from '../context';
import { requireRole } from '../roles/guard';

const TARGET_KEYS = ['id', 'incidentId', 'proposalId', 'mergeId', 'stepId', 'reportId', 'name'] as const;
/** Request fields never written to the audit log (feed tokens, PINs…). */
const SECRET_KEY = /^(pin|password|passphrase|token|secret|apikey|api_key|credentials?)$|token$|secret$/i;
const MAX_AFTER_CHARS = 8000;

function targetOf(request: unknown): string | null {
  if (typeof request !== 'object' || request === null) return null;
  const r = request as Record<string, unknown>;
  for (const k of TARGET_KEYS) if (typeof r[k] === 'string') return r[k];
  return null;
}

function redact(request: unknown): unknown {
  if (typeof request !== 'object' || request === null) return request;
  return Object.fromEntries(
    Object.entries(request as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? '***' : v]),
  );
}

function incidentRow(db: Db, id: string | null): unknown {
  if (!id) return undefined;
  return db.prepare('SELECT * FROM incidents WHERE id = ?').get(id);
}

function afterOf(db: Db, target: string | null, value: unknown): unknown {
  const row = incidentRow(db, target);
  if (row) return row;
  const json = JSON.stringify(value ?? null);
  return json.length <= MAX_AFTER_CHARS ? redact(value) : { truncated: true, chars: json.length };
}

/**
 * The core's request gate, used by `Core.handle` for every channel:
 *  - channels named as reads (roles.ts `isReadChannel`) are open to every role,
 *    the wall included, and are not audited;
 *  - actions in the permission table are refused up front unless the signed-in
 *    role may perform them;
 *  - everything else runs in one transaction, and whether it is a write is
 *    decided by what it did: if it changed any row, the role must be allowed
 *    to write (else the transaction rolls back and the request is refused), and
 *    an audit entry (who, seat, role, what, before/after) commits with it. So a
 *    channel another module adds without telling this file is still audited
 *    when it writes, and a read-only wall can never change the store;
 *  - a refused or failed write is audited too, after its rollback, with the
 *    error code as outcome: an inquiry wants to see attempts, not only successes.
 */
export function runGuarded<T>(
  ctx: CoreContext,
  audit: AuditLog,
  channel: string,
  request: unknown,
  run: () => T,
  /** What the action changes, read before it runs, when that is not an incident row (settings). */
  snapshot?: () => unknown,
): T {
  if (isReadChannel(channel)) {
    requireRole(ctx.actor, channel, false);
    return run();
  }
  const declared = isAction(channel);
  const target = targetOf(request);
  const changes = ctx.db.prepare('SELECT total_changes() AS n').pluck();
  let wrote = declared;
  // A sign-out is recorded under the person who signed out, not the nobody it leaves behind.
  const actorBefore = { ...ctx.actor };
  const who = (): typeof ctx.actor => (ctx.actor.signedOut && !actorBefore.signedOut ? actorBefore : ctx.actor);
  try {
    return ctx.db.transaction((): T => {
      if (declared) requireRole(ctx.actor, channel, true);
      const before = snapshot ? snapshot() : incidentRow(ctx.db, target);
      const startChanges = changes.get() as number;
      const value = run();
      if (!declared && (changes.get() as number) > startChanges) {
        wrote = true;
        requireRole(ctx.actor, channel, true);
      }
      if (!wrote) return value;
      audit.append(who(), {
        action: channel,
        target,
        request: redact(request),
        before,
        after: afterOf(ctx.db, target, value),
        outcome: 'ok',
      });
      return value;
    })();
  } catch (err) {
    if (wrote) {
      try {
        audit.append(who(), {
          action: channel,
          target,
          request: redact(request),
          outcome: err instanceof CoreError ? err.code : 'internal',
        });
      } catch {
        // The store itself is failing; the original error is what the caller needs.
      }
    }
    throw err;
  }
}
