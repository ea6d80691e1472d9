import type { Statement } from 'better-sqlite3';
import type { Unit } from '../../../shared/resources';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { UnitService } from './units';

/**
 * What an officer can do about a unit's upstream command. A dispatch/recall
 * sent through the outbox is pending until the upstream acks it (the outbox
 * then clears it from the unit) or rejected with the upstream's reason. A
 * rejection stays on the unit board until an officer dismisses it here or a
 * later command for the unit takes its place and is acked. Dismissing only
 * clears the flag: the outbox row keeps the rejection, and the guard audits
 * who dismissed it.
 */
export class UnitCommandState {
  private readonly clear: Statement<[number, string, string]>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly units: UnitService,
  ) {
    this.clear = ctx.db.prepare(
      'UPDATE units SET pending_command = NULL, updated_at = ? WHERE id = ? AND pending_command = ?',
    );
  }

  dismiss(unitId: string): Unit {
    return this.ctx.db.transaction((): Unit => {
      const unit = this.units.get(unitId);
      if (unit.commandState === null || unit.pendingCommand === null) {
        throw new CoreError('refused', `${unit.callSign} has no upstream command to dismiss`);
      }
      if (unit.commandState === 'pending') {
        throw new CoreError(
          'refused',
          `${unit.callSign}'s command is still waiting for the upstream's answer; only a rejected command can be dismissed`,
        );
      }
      this.clear.run(this.ctx.now(), unit.id, unit.pendingCommand);
      this.ctx.changes.record('unit', unit.id, 'update');
      return this.units.get(unit.id);
    })();
  }
}
