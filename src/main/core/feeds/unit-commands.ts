import type { Database as Db, Statement } from 'better-sqlite3';
import type { Unit } from '../../../shared/resources';
import { CoreError } from '../../../shared/result';
import type { CommandSink, UnitCommand } from '../resources/commands';
import type { Outbox } from './outbox';

/**
 * Resource tracking's CommandSink over the feeds' durable outbox. A unit is
 * routed when a configured feed source reports it (`units.feed_source`): its
 * dispatch/recall becomes a `unit.dispatch` / `unit.recall` command for that
 * source, written in the resource service's transaction. `afterEnqueue` runs
 * once that transaction has committed (a microtask later) to start sending;
 * if it rolled back, the drain finds nothing new.
 */
export function outboxCommandSink(db: Db, outbox: Outbox, afterEnqueue: (source: string) => void): CommandSink {
  const sourceOf: Statement<[string]> = db.prepare('SELECT feed_source AS s FROM units WHERE id = ?');
  return {
    routes: (unit: Unit) => unit.feedSource !== null,
    enqueue(command: UnitCommand): string {
      const row = sourceOf.get(command.payload.unitId) as { s: string | null } | undefined;
      if (!row?.s) {
        throw new CoreError('conflict', `unit ${command.payload.unitId} has no feed source to send the command to`);
      }
      const { unitId, incidentRef, incidentId, reason, at, actor } = command.payload;
      const id = outbox.enqueue(row.s, command.type, {
        unitId,
        incidentRef,
        incidentId,
        ...(reason ? { reason } : {}),
        at,
        actor,
      });
      const source = row.s;
      queueMicrotask(() => afterEnqueue(source));
      return id;
    },
  };
}
