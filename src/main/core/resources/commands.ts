import type { Unit } from '../../../shared/resources';

/** A command for an upstream dispatch system, as `feed-protocol.md` sends it (`command` event). */
export interface UnitCommand {
  type: 'unit.dispatch' | 'unit.recall';
  payload: {
    unitId: string;
    /** The incident's reference as the upstream knows it (its externalRef when it came from a feed). */
    incidentRef: string | null;
    incidentId: string | null;
    reason?: string;
    at: number;
    actor: string;
  };
}

/**
 * Where dispatch and recall send commands for units that an upstream system
 * drives. The feeds module implements it over its durable outbox. `enqueue`
 * is called inside the resource service's write transaction on the same
 * database, so the local status change and the queued command commit (or
 * roll back) together; it must not do I/O beyond writing the outbox row.
 *
 * Without a sink (no feed upstream configured) dispatch and recall are
 * purely local: the status change is the whole operation.
 */
export interface CommandSink {
  /** True when `unit` is driven by an upstream system that must receive the command. */
  routes(unit: Unit): boolean;
  /** Write the command to the outbox; returns its id, shown as pending until the upstream confirms. */
  enqueue(command: UnitCommand): string;
}
