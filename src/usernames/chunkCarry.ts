/**
 * The unfinished end of the chunks a fast path has read (a CSV line or an
 * LDIF record cut by a chunk boundary): copies, since a reader may reuse its
 * buffers, joined into one buffer when a later chunk finishes it.
 */
export class ChunkCarry {
  private parts: Buffer[] = [];
  /** Bytes kept. */
  length = 0;

  /** The last byte kept, or -1 when nothing is. */
  lastByte(): number {
    const last = this.parts[this.parts.length - 1];
    return last ? last[last.length - 1] : -1;
  }

  /** Keeps a copy of `buf[s, e)`. */
  keep(buf: Buffer, s: number, e: number): void {
    if (e <= s) return;
    this.parts.push(Buffer.from(buf.subarray(s, e)));
    this.length += e - s;
  }

  /** The kept bytes followed by `tail` (not copied first) as one buffer; nothing is kept after. */
  join(tail?: Buffer): Buffer {
    if (tail) this.parts.push(tail);
    const joined = Buffer.concat(this.parts, this.length + (tail?.length ?? 0));
    this.parts = [];
    this.length = 0;
    return joined;
  }

  /** The kept pieces in order; nothing is kept after. */
  drain(): Buffer[] {
    const parts = this.parts;
    this.parts = [];
    this.length = 0;
    return parts;
  }
}
