/** Logging seam: the VS Code side adapts this to an OutputChannel. */
import type { Redactor } from './redact';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Every message and field passes through the redactor before reaching `inner`. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  const wrap = (level: keyof Logger) => (message: string, fields?: LogFields) => {
    inner[level](redactor.redactText(message), fields ? (redactor.redactValue(fields) as LogFields) : undefined);
  };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
