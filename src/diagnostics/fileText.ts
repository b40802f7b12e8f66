/**
 * Whether a file's bytes are the text of its open document, told without
 * decoding them: VS Code may have opened the file in another encoding
 * (`files.encoding`, a UTF-16 byte order mark) or normalised its mixed line
 * ends, and then positions found in the bytes do not match the document.
 */
import { isAscii, isUtf8 } from 'node:buffer';

/**
 * The UTF-16 length of `bytes` read as UTF-8 with a leading byte order mark
 * dropped (as VS Code shows the file), or undefined when they are not valid
 * UTF-8 (another encoding, UTF-16, a damaged file).
 */
export function utf8TextLength(bytes: Uint8Array): number | undefined {
  // ASCII (most sync files): one unit per byte, known from a native check (well under 1 ms for 10 MB; the loop below takes 20-40 ms).
  if (isAscii(bytes)) return bytes.length;
  if (!isUtf8(bytes)) return undefined;
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let units = 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    // Each character starts with a byte that is not 10xxxxxx; four-byte ones are two UTF-16 units.
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

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

/**
 * Whether `bytes` may be shown as they are: valid UTF-8 with no NUL byte (VS Code may take a file with one
 * for binary and open no text document). Native checks only: a few ms for 10 MB.
 */
export function mayBeDocumentText(bytes: Uint8Array): boolean {
  return bytes.indexOf(0) === -1 && (isAscii(bytes) || isUtf8(bytes));
}

/**
 * The document lengths `bytes` give, or undefined when VS Code may show other
 * text (see `mayBeDocumentText`).
 */
export function fileText(bytes: Uint8Array): FileText | undefined {
  return mayBeDocumentText(bytes) ? documentLengths(bytes) : undefined;
}

/** The document lengths of bytes already known to be text as they are (`mayBeDocumentText`). */
export function documentLengths(bytes: Uint8Array): FileText {
  const units = utf8TextLength(bytes) ?? 0;
  let lf = 0,
    crlf = 0,
    cr = 0;
  // Native searches for the two break bytes (a file rarely has any CR).
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) lf++;
  for (let i = bytes.indexOf(CR); i !== -1; i = bytes.indexOf(CR, i + 1)) {
    if (bytes[i + 1] === LF) crlf++;
    else cr++;
  }
  // Every break becomes one LF (a CRLF loses its CR), or one CRLF (a lone LF or CR gains a character).
  return { lengthIfLf: units - crlf, lengthIfCrlf: units + (lf - crlf) + cr };
}
