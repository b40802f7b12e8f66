/**
 * UTF-16 sync files. Windows tools (ldifde with -u, PowerShell's Export-Csv
 * before PowerShell 6, Excel's "Unicode text") write UTF-16 with a byte-order
 * mark. LDIF is UTF-8 (RFC 2849) and Ping's tools read UTF-8, so such a file
 * needs converting; but reporting only that would leave the user blind until
 * they convert and run again. So a byte stream that starts with a UTF-16 BOM
 * is decoded to UTF-8 before the scan (every username is checked, positions
 * are the ones an editor shows, which decodes these files the same way), and
 * the scan adds one warning saying the file must be saved as UTF-8.
 */

export type Utf16Kind = 'utf-16le' | 'utf-16be';

/** Re-encodes a UTF-16 (with BOM) byte stream as UTF-8; passes any other stream through unchanged. */
export class Utf16ToUtf8 {
  /** Set once the first two bytes are known to be a UTF-16 BOM. */
  kind: Utf16Kind | undefined;
  private head: Buffer | undefined = Buffer.alloc(0);
  private decoder: InstanceType<typeof TextDecoder> | undefined;

  /** The UTF-8 bytes for `chunk` (possibly none yet). */
  push(chunk: Buffer): Buffer {
    if (this.head) {
      // Only the first two bytes tell the BOM: a first chunk that has them is looked at, not copied (a 10 MB
      // document pushed whole by the scan worker cost a 10 MB copy).
      const head = this.head.length === 0 && chunk.length >= 2 ? chunk : Buffer.concat([this.head, chunk]);
      if (head.length < 2) {
        this.head = head;
        return EMPTY;
      }
      this.head = undefined;
      this.kind = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
      // The decoder drops the BOM (ignoreBOM false); a lone trailing byte waits for the next chunk (stream: true).
      if (this.kind) this.decoder = new TextDecoder(this.kind);
      chunk = head;
    }
    return this.decoder ? Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8') : chunk;
  }

  /** What is left at the end of the stream. */
  end(): Buffer {
    if (this.head) {
      const h = this.head;
      this.head = undefined;
      return h;
    }
    return this.decoder ? Buffer.from(this.decoder.decode(), 'utf8') : EMPTY;
  }
}

const EMPTY = Buffer.alloc(0);

export function utf16Message(kind: Utf16Kind, format: 'ldif' | 'csv'): string {
  const name = kind === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  const why = format === 'ldif' ? 'LDIF is UTF-8 (RFC 2849) and Ping tools read UTF-8' : 'Ping tools read sync files as UTF-8';
  return `File is ${name} (it starts with a byte-order mark); it was decoded to check the usernames, but ${why}: save it as UTF-8.`;
}
