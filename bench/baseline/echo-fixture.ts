import { fileURLToPath } from 'node:url';

/** The echo service both the bare server and the load generator load. */
export const ECHO_PROTO = fileURLToPath(new URL('./echo.proto', import.meta.url));
export const ECHO_SERVICE = 'motlan.bench.v1.EchoService';
