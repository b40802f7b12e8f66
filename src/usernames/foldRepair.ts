/**
 * Byte-level repair for an LDIF fold that splits a multi-byte UTF-8 character
 * (RFC 2849 note 2: writers SHOULD NOT, readers must cope by joining bytes
 * before decoding). `C3 0A 20 A9` becomes `0A 20 C3 A9`: the partial character
 * moves after the fold, so it decodes as one character and the continuation
 * line keeps its columns. Only LDIF byte streams need this; editor text is
 * already decoded.
 */
import { isUtf8 } from 'node:buffer';

const LF = 0x0a,
  CR = 0x0d,
  SP = 0x20;
const FOLD = Buffer.from([LF, SP]);
/** Longest pattern: 3 lead bytes + CR LF SP + 3 continuation bytes. */
const HOLD = 9;
/** A fold not yet repairable (its LF in the held bytes) may have its CR and 3 lead bytes just before them. */
const BEFORE_FOLD = 4;

function seqLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf7 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
}

export class FoldRepair {
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const split = Math.max(0, data.length - HOLD);
    // Folds whose LF lies before `split` are repaired now; the bytes a later fold may move (its partial
    // character) are held back with it, so only what lies before them is handed on.
    const out = this.repair(data, split, Math.max(0, split - BEFORE_FOLD));
    this.carry = Buffer.from(data.subarray(out.consumed));
    return out.bytes;
  }

  end(): Buffer {
    const data = this.carry;
    this.carry = Buffer.alloc(0);
    return this.repair(data, data.length, data.length).bytes;
  }

  /** Repairs folds whose LF lies before `limit`; returns the bytes up to `consumed` (at least `keep`, and past every repair). */
  private repair(data: Buffer, limit: number, keep: number): { bytes: Buffer; consumed: number } {
    const parts: Buffer[] = [];
    let from = 0;
    let consumed = keep;
    let p = data.indexOf(FOLD, 0);
    while (p !== -1 && p < limit) {
      const lb = p > 0 && data[p - 1] === CR ? p - 1 : p;
      let k = lb - 1;
      while (k >= 0 && lb - k <= 3 && data[k] >= 0x80 && data[k] <= 0xbf) k--;
      const need = k >= 0 && k >= from ? seqLength(data[k]) - (lb - k) : 0;
      if (need > 0 && need <= 3 && p + 2 + need <= data.length) {
        let ok = true;
        for (let t = 0; t < need; t++) {
          const b = data[p + 2 + t];
          if (b < 0x80 || b > 0xbf) {
            ok = false;
            break;
          }
        }
        // Join only what then decodes as one valid character (C0 80 and other overlong or
        // invalid sequences stay where they are and are reported as invalid UTF-8).
        if (ok && !isUtf8(Buffer.concat([data.subarray(k, lb), data.subarray(p + 2, p + 2 + need)]))) ok = false;
        if (ok) {
          parts.push(data.subarray(from, k), data.subarray(lb, p + 2), data.subarray(k, lb), data.subarray(p + 2, p + 2 + need));
          from = p + 2 + need;
          consumed = Math.max(consumed, from);
        }
      }
      p = data.indexOf(FOLD, p + 1);
    }
    parts.push(data.subarray(from, consumed));
    return { bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts), consumed };
  }
}
