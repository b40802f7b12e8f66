/**
 * An LDIF text's findings through the text scanner and through the byte scanners (with the fast paths,
 * where values are offered as they are read, and the reference pipeline), pushed in chunks of each
 * given size: they must agree, and the agreed findings, as `show` reduces them, are returned.
 */
import assert from 'node:assert/strict';
import { IncrementalDocumentScan } from '../../../src/usernames/incremental';
import { createReferenceScanner, createScanner, scanText } from '../../../src/usernames/scan';
import type { ScanResult } from '../../../src/usernames/types';

export function onEveryPath<T>(text: string, show: (r: ScanResult) => T, chunks: number[] = [Infinity]): T {
  const want = show(scanText(text, { format: 'ldif' }));
  const bytes = Buffer.from(text);
  for (const make of [createScanner, createReferenceScanner])
    for (const chunk of chunks) {
      const size = Math.min(chunk, bytes.length || 1);
      const s = make({ format: 'ldif' });
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      assert.deepEqual(show(s.end()), want, `${make.name}, chunks of ${chunk}: ${JSON.stringify(text)}`);
    }
  return want;
}

/** `onEveryPath`, and the editor model's full result agrees too. */
export function onEveryPathAndModel<T>(text: string, show: (r: ScanResult) => T, chunks: number[] = [Infinity]): T {
  const want = onEveryPath(text, show, chunks);
  assert.deepEqual(show(new IncrementalDocumentScan(text, { format: 'ldif' }).result()), want, `editor model: ${JSON.stringify(text)}`);
  return want;
}

/** A finding as the LDIF tests compare it: code, message word for word, and range. */
/** Messages several LDIF test files expect word for word. */
export const NO_COLON = 'Line has no colon; expected "attribute: value".';
export const SPACE_FORMAT =
  'Username is not an email address and has U+0020 SPACE, which is not one of letters, marks, digits, ".", "_" and "-".';

export type SeenFinding = [code: string, message: string, line: number, col: number, endLine: number, endCol: number];

export function seenFindingsOf(r: ScanResult): SeenFinding[] {
  return r.findings.map((f) => [f.code, f.message, f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn]);
}

/** The findings of `text`, the same through every pipeline (bytes in one chunk and byte by byte). */
export function seenOnEveryPath(text: string): SeenFinding[] {
  return onEveryPath(text, seenFindingsOf, [Infinity, 1]);
}
