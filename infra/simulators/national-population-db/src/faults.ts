import { FaultInjector as KitFaultInjector } from '@motlan/simulator-kit';
import { SimulatorErrors } from './errors.ts';

export { NO_FAULTS, type FaultDecision, type FaultSettings, type FaultUpdate } from '@motlan/simulator-kit';

/**
 * Fault knobs for the /api routes (@motlan/simulator-kit): added latency, a share of calls failing
 * with 503, and a full outage. A refused update answers NPDB_SIM_INVALID_FAULTS; what a faulted
 * call answers (MaLoi LOI_HE_THONG) is http/api-guard.ts.
 */
export class FaultInjector extends KitFaultInjector {
  constructor(random?: () => number) {
    super({ invalid: SimulatorErrors.invalidFaults, random });
  }
}
