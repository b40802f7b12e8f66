/**
 * The strings of the plain usernames read last, by their hash (a direct-mapped cache of a few
 * thousand slots): a value read again soon after (the same username on many rows) is handed out
 * as the string it was the first time, not a new one. No string is made for it, and a `Map`
 * look-up with it finds its hash already computed (a string keeps its hash once one was needed).
 * The bytes are compared, so two values with the same hash never share a string.
 */
const SLOTS = 4096;

export class RecentStrings {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly values: string[] = new Array<string>(SLOTS).fill('');
  private readonly keys: string[] = new Array<string>(SLOTS).fill('');
  /** The fold key of the value `latin1` returned last. */
  key = '';

  /**
   * `buf[s, e)` (ASCII: one character per byte) as a string, with `hash` its fold key's hash and
   * `cased` whether it has capitals (so its fold key is its lower case): see `readPlain`.
   */
  latin1(buf: Buffer, s: number, e: number, hash: number, cased: boolean): string {
    const slot = hash & (SLOTS - 1);
    const v = this.values[slot];
    if (this.hashes[slot] === (hash | 0) && v.length === e - s && sameBytes(buf, s, v)) {
      this.key = this.keys[slot];
      return v;
    }
    const value = (buf as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(s, e);
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.key = this.keys[slot] = cased ? value.toLowerCase() : value;
    return value;
  }
}

/** Whether `buf` holds the characters of `v` (all below 256) from `s` on. */
function sameBytes(buf: Buffer, s: number, v: string): boolean {
  for (let i = 0; i < v.length; i++) if (buf[s + i] !== v.charCodeAt(i)) return false;
  return true;
}
