/**
 * The 10 MB LDIF of the editor benchmarks (the in-host suite under
 * test/integration/bench and ./model.ts): ordinary entries of 7 lines with a
 * planted `username-format` finding every 100 entries.
 */
export const ENTRY_LINES = 7;
export const PLANTED_EVERY = 100;

export function generateLdif(targetBytes: number): { text: string; entries: number } {
  const parts: string[] = [];
  let bytes = 0;
  let i = 0;
  while (bytes < targetBytes) {
    const uid = i % PLANTED_EVERY === 50 ? `user ${i}` : `user.${i}`;
    const e = `dn: uid=e${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: User ${i}\nsn: ${i}\ndescription: ${'x'.repeat(90)}\n\n`;
    parts.push(e);
    bytes += e.length;
    i++;
  }
  return { text: parts.join(''), entries: i };
}
