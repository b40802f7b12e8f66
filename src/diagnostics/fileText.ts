/**
 * Whether a file's bytes are the text of its open document, told without
 * decoding them: VS Code may have opened the file in another encoding
 * (`files.encoding`, a UTF-16 byte order mark) or normalised its mixed line
 * ends, and then positions found in the bytes do not match the document.
 */
import { isAscii, isUtf8 } from 'node:buffer';

/**
 * What a file's bytes become as an editor document, for a file opened before
 * its document reaches the extension host. VS Code reads a file without a
 * byte order mark in `files.encoding` (UTF-8 here), drops a UTF-8 byte order
 * mark, and normalises mixed line ends to the document's one end of line
 * (LF or CRLF) without moving any line: LF, CRLF and a lone CR each end a line
 * (as in the engine). So the document's length is known from its end of line.
 */
export interface FileText {
  /** Characters of the document when its end of line is LF, and when it is CRLF. */
  lengthIfLf: number;
  lengthIfCrlf: number;
}

const LF = 10,
  CR = 13;

/** The answers of a `FileTextMeter` given `bytes` in one piece. */
function measured(bytes: Uint8Array): FileTextMeter {
  const meter = new FileTextMeter();
  meter.push(bytes);
  return meter;
}

/**
 * The UTF-16 length of `bytes` read as UTF-8 with a leading byte order mark
 * dropped (as VS Code shows the file), or undefined when they are not valid
 * UTF-8 (another encoding, UTF-16, a damaged file).
 */
export function utf8TextLength(bytes: Uint8Array): number | undefined {
  return measured(bytes).textLength();
}

/**
 * Whether `bytes` may be shown as they are: valid UTF-8 with no NUL byte (VS Code may take a file with one
 * for binary and open no text document).
 */
export function mayBeDocumentText(bytes: Uint8Array): boolean {
  const meter = measured(bytes);
  // `textLength` ends the meter: bytes that end inside a character are not UTF-8.
  return meter.textLength() !== undefined && meter.mayBeText;
}

/**
 * The document lengths `bytes` give, or undefined when VS Code may show other
 * text (see `mayBeDocumentText`).
 */
export function fileText(bytes: Uint8Array): FileText | undefined {
  return measured(bytes).fileText();
}

/** Bytes of a UTF-8 character by its first byte (0: not a first byte, or never valid). */
function charBytes(b: number): number {
  return b < 0x80 ? 1 : b < 0xc2 ? 0 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : b < 0xf5 ? 4 : 0;
}

/**
 * What a file's bytes become as a document (`utf8TextLength`, `mayBeDocumentText`, `fileText` above are
 * its answers for bytes in one piece), told piece by piece as they are read: the worker reads a large file through one small reused buffer instead of a buffer of the
 * file's size, whose every page is a fault when first written (about 60-120 ms for 10 MB on our
 * benchmark VM, against 6-18 ms in 1 MiB pieces). A character or a CR LF cut between two pieces is
 * judged whole. The same answers for any cut (fileText.test.ts).
 */
export class FileTextMeter {
  private units = 0;
  private lf = 0;
  private crlf = 0;
  private cr = 0;
  private valid = true;
  private nul = false;
  /** The first bytes (up to 3), for the byte order mark. */
  private readonly head = Buffer.alloc(3);
  private headLength = 0;
  /** The start of a character cut at the end of the last piece. */
  private readonly cut = Buffer.alloc(4);
  private cutLength = 0;
  /** The last piece ended with a CR: the next one tells whether it was a CR LF. */
  private crAtEnd = false;
  private ended = false;

  /** False once the bytes are known not to be UTF-8 (an unfinished character at the end is judged at the end). */
  get utf8SoFar(): boolean {
    return this.valid;
  }

  /** False once the bytes cannot be the document's text as they are (not UTF-8, or a NUL). */
  get mayBeText(): boolean {
    return this.valid && !this.nul;
  }

  push(piece: Uint8Array): void {
    if (this.ended) throw new Error('FileTextMeter: push after end');
    const n = piece.length;
    if (n === 0) return;
    for (let i = 0; this.headLength < 3 && i < n; i++) this.head[this.headLength++] = piece[i];
    if (piece.indexOf(0) !== -1) this.nul = true;
    this.countBreaks(piece);
    if (this.valid) this.measure(piece);
  }

  /** `utf8TextLength` of every byte pushed. */
  textLength(): number | undefined {
    this.end();
    if (!this.valid) return undefined;
    const bom = this.headLength === 3 && this.head[0] === 0xef && this.head[1] === 0xbb && this.head[2] === 0xbf;
    // The byte order mark is one UTF-16 unit that VS Code does not show.
    return bom ? this.units - 1 : this.units;
  }

  /** `fileText` of every byte pushed. */
  fileText(): FileText | undefined {
    const units = this.textLength();
    if (units === undefined || this.nul) return undefined;
    return { lengthIfLf: units - this.crlf, lengthIfCrlf: units + (this.lf - this.crlf) + this.cr };
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.cutLength > 0) this.valid = false; // the file ends inside a character
    if (this.crAtEnd) this.cr++;
  }

  private countBreaks(piece: Uint8Array): void {
    const n = piece.length;
    if (this.crAtEnd) {
      if (piece[0] === LF) this.crlf++;
      else this.cr++;
      this.crAtEnd = false;
    }
    for (let i = piece.indexOf(LF); i !== -1; i = piece.indexOf(LF, i + 1)) this.lf++;
    for (let i = piece.indexOf(CR); i !== -1; i = piece.indexOf(CR, i + 1)) {
      if (i + 1 === n) this.crAtEnd = true;
      else if (piece[i + 1] === LF) this.crlf++;
      else this.cr++;
    }
  }

  /** Validates and counts the characters of `piece`, with the one cut at the last piece's end. */
  private measure(piece: Uint8Array): void {
    const n = piece.length;
    let from = 0;
    if (this.cutLength > 0) {
      const need = charBytes(this.cut[0]);
      while (this.cutLength < need && from < n) this.cut[this.cutLength++] = piece[from++];
      if (this.cutLength < need) return; // a piece shorter than the rest of the character
      if (!isUtf8(this.cut.subarray(0, need))) {
        this.valid = false;
        return;
      }
      this.units += need === 4 ? 2 : 1;
      this.cutLength = 0;
    }
    // The last character's first byte, among the last four bytes: is the character whole?
    let to = n;
    for (let i = n - 1; i >= from && i >= n - 4; i--) {
      if ((piece[i] & 0xc0) === 0x80) continue;
      const len = charBytes(piece[i]);
      if (len > n - i) to = i;
      break;
    }
    const whole = piece.subarray(from, to);
    if (isAscii(whole)) this.units += whole.length;
    else if (!isUtf8(whole)) {
      this.valid = false;
      return;
    } else {
      for (let i = 0; i < whole.length; i++) {
        const b = whole[i];
        if ((b & 0xc0) !== 0x80) this.units += b >= 0xf0 ? 2 : 1;
      }
    }
    for (let i = to; i < n; i++) this.cut[this.cutLength++] = piece[i];
  }
}
