/**
 * Whether a file's bytes are the text of its open document, told without
 * decoding them: VS Code may have opened the file in another encoding
 * (`files.encoding`, a UTF-16 byte order mark) or normalised its mixed line
 * ends, and then positions found in the bytes do not match the document.
 */
import { isUtf8 } from 'node:buffer';

/**
 * The UTF-16 length of `bytes` read as UTF-8 with a leading byte order mark
 * dropped (as VS Code shows the file), or undefined when they are not valid
 * UTF-8 (another encoding, UTF-16, a damaged file).
 */
export function utf8TextLength(bytes: Uint8Array): number | undefined {
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
