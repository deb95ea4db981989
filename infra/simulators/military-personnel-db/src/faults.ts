import { FaultInjector as KitFaultInjector } from '@motlan/simulator-kit';
import { SimulatorErrors } from './errors.ts';

export { NO_FAULTS, type FaultDecision, type FaultSettings, type FaultUpdate } from '@motlan/simulator-kit';

/**
 * Fault knobs for the personnel API and its token endpoint (@motlan/simulator-kit): added
 * latency, a share of calls failing with 503, and a full outage. A refused update answers
 * MPDB_SIM_INVALID_FAULTS; what a faulted call answers (Loi.Ma HE_THONG_TAM_NGUNG) is
 * http/api-guard.ts.
 */
export class FaultInjector extends KitFaultInjector {
  constructor(random?: () => number) {
    super({ invalid: SimulatorErrors.invalidFaults, random });
  }
}
