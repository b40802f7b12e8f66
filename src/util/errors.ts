/** A person-readable message for any thrown value (PingOneError messages already carry PingOne's error id). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
