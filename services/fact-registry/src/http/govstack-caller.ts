import type { FastifyRequest } from '@motlan/http';
import { RequestMetadata } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import type { Caller } from '../fact-registry.ts';
import { RegistryErrors } from '../errors.ts';
import { restCaller } from './caller.ts';

/** The GovStack-compatible API's headers (lower case, as Node delivers them). */
export const GovStackHeaders = {
  /** GovStack's `INSTANCE/CLASS/MEMBER/SUBSYSTEM` naming the calling information system. */
  mediatorClient: RequestMetadata.mediatorClient,
  /** Motlan's extension: the procedure code the data is read for. */
  purpose: RequestMetadata.purpose,
  /** Motlan's extension: the fact types to read, comma-separated (default: all the purpose grants). */
  factTypes: RequestMetadata.factTypes,
} as const;

/** Four non-empty parts: INSTANCE/CLASS/MEMBER/SUBSYSTEM. */
export const MEDIATOR_CLIENT_PATTERN = '^[^/\\s]+/[^/\\s]+/[^/\\s]+/[^/\\s]+$';

/**
 * The caller of a GovStack route: the certificate's CN, as on every route. The
 * Information-Mediator-Client header is optional here (the certificate already authenticates),
 * but when present it must name the same system: its SUBSYSTEM part must equal the certificate's
 * CN, else 403 `MOTLAN_MEDIATOR_CLIENT_MISMATCH` before anything is read or decided. Its form is
 * checked by the route schema (400 naming the header).
 */
export function govStackCaller(request: FastifyRequest): Caller {
  const caller = restCaller(request);
  const header = request.headers[GovStackHeaders.mediatorClient];
  if (typeof header === 'string') {
    const subsystem = header.split('/')[3];
    if (subsystem !== caller.client) {
      throw new MotlanError(
        RegistryErrors.mediatorClientMismatch,
        `${GovStackHeaders.mediatorClient} names subsystem "${subsystem ?? ''}", but the client certificate is "${caller.client}"`,
        { field: `headers.${GovStackHeaders.mediatorClient}` },
      );
    }
  }
  return caller;
}
