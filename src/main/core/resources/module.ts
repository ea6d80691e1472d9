import type { resourcesChannels } from '../../../shared/contracts/resources';
import type { CoreContext, HandlersFor } from '../context';
import type { IncidentService } from '../incidents/service';
import type { CommandSink } from './commands';
import { UnitCommandState } from './command-state';
import { DepotService } from './depots';
import { exportTable } from './export';
import { ResourceImport } from './import';
import { ResourceKpiQueries } from './kpis';
import { StockLedger } from './ledger';
import { recommendUnits } from './recommend';
import { UnitRegistry } from './registry';
import { StockQueries } from './stock-queries';
import { UnitService } from './units';

export interface ResourcesModule {
  units: UnitService;
  registry: UnitRegistry;
  depots: DepotService;
  ledger: StockLedger;
  stock: StockQueries;
  imports: ResourceImport;
  kpis: ResourceKpiQueries;
  commands: UnitCommandState;
  handlers: HandlersFor<keyof typeof resourcesChannels>;
}

/**
 * Resource tracking: units (registry, live status/position, dispatch and
 * recall), recommendation, depots and the stock ledger, import/export.
 * `sink` is the feeds module's outbox when an upstream dispatch system
 * exists; without it dispatch and recall are local operations.
 */
export function resourcesModule(
  ctx: CoreContext,
  incidents: IncidentService,
  sink: CommandSink | null = null,
): ResourcesModule {
  const units = new UnitService(ctx, incidents, sink);
  const registry = new UnitRegistry(ctx, units);
  const depots = new DepotService(ctx);
  const ledger = new StockLedger(ctx, depots, incidents);
  const stock = new StockQueries(ctx);
  const imports = new ResourceImport(ctx, registry, depots, ledger);
  const kpis = new ResourceKpiQueries(ctx);
  const commands = new UnitCommandState(ctx, units);
  return {
    units,
    registry,
    depots,
    ledger,
    stock,
    imports,
    kpis,
    commands,
    handlers: {
      'unit.list': () => units.list(),
      'unit.byIds': (r) => r.ids.map((id) => units.find(id)).filter((u) => u !== null),
      'unit.get': (r) => {
        const unit = units.get(r.id);
        const to = ctx.now();
        return { unit, history: units.history(r.id), track: units.track(r.id, to - r.trackHours * 3600_000, to) };
      },
      'unit.save': (r) => registry.save(r, ctx.actor),
      'unit.setStatus': (r) => units.setStatus(r.id, r.status, ctx.actor, r.reason),
      'unit.dispatch': (r) => units.dispatch(r.unitIds, r.incidentId, ctx.actor, r.note),
      'unit.recall': (r) => units.recall(r.id, ctx.actor, r.reason),
      'unit.dismissCommand': (r) => commands.dismiss(r.id),
      'unit.recommend': (r) =>
        recommendUnits(incidents.get(r.incidentId), units.available(), {
          now: ctx.now(),
          limit: r.limit,
          homeOf: (u) => registry.homeOf(u.id),
        }),
      'depot.list': () => depots.listDepots(),
      'depot.save': (r) => depots.saveDepot(r),
      'supply.items': () => depots.listItems(),
      'supply.saveItem': (r) => depots.saveItem(r),
      'stock.summary': (r) => stock.stock(r.horizonDays),
      'stock.lines': (r) => ledger.lines(r.depotId),
      'stock.ledger': (r) => ledger.entries(r),
      'stock.move': (r) => ledger.move(r, ctx.actor),
      'stock.alerts': (r) => stock.alerts(r.horizonDays),
      'resources.import.validate': (r) => imports.validate(r.kind, r.table),
      'resources.import.commit': (r) => imports.commit(r.kind, r.table, ctx.actor),
      'resources.export': (r) => exportTable(ctx, r.kind),
      'resources.kpis': (r) => kpis.kpis(r.windowHours),
    },
  };
}
