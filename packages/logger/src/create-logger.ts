import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { CENSOR, maskPersonalIds, redactionPaths } from './redaction.ts';

export type { Logger } from 'pino';

export interface LoggerSettings {
  name: string;
  level?: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Extra field names to censor on top of the personal-data defaults. */
  redact?: string[];
}

interface SerializedRequest {
  method?: string;
  url?: string;
  [key: string]: unknown;
}

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level ?? 'info',
    redact: { paths: [...redactionPaths(), ...(settings.redact ?? [])], censor: CENSOR },
    serializers: {
      req: (req: SerializedRequest) => ({
        method: req.method,
        url: typeof req.url === 'string' ? maskPersonalIds(req.url) : req.url,
        id: req['id'],
      }),
    },
    hooks: {
      // Messages are free text: mask anything shaped like a personal ID before it is written.
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskPersonalIds(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
