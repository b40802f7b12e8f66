/**
 * App icon checks (PingOne Platform API, Images, console limits): JPG/JPEG/GIF/PNG by
 * content (magic bytes), not only by extension, and at most 1 MB.
 */
import type { ImageFormat } from '../models';
import { IMAGE_CONTENT_TYPES } from '../images';

/** The console says "1 MB"; we read it as 1 MiB. The API's own limit is UNCONFIRMED. */
export const MAX_ICON_BYTES = 1024 * 1024;

const ALLOWED_EXTENSIONS: Record<string, ImageFormat> = { '.png': 'png', '.jpg': 'jpg', '.jpeg': 'jpg', '.gif': 'gif' };
const FORMAT_NAMES: Record<ImageFormat, string> = { png: 'PNG', jpg: 'JPEG', gif: 'GIF' };

/** The image format the bytes really are, from their signature. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x47, 0x49, 0x46, 0x38, 0x37, 0x61) || starts(0x47, 0x49, 0x46, 0x38, 0x39, 0x61)) return 'gif';
  return undefined;
}

export type IconCheck =
  | { ok: true; format: ImageFormat; contentType: string; fileName: string; size: number; note?: string }
  | { ok: false; reason: 'empty' | 'too-large' | 'extension' | 'content'; message: string };

export function validateIcon(icon: { bytes: Uint8Array; fileName: string }): IconCheck {
  const name = icon.fileName.split(/[\\/]/).pop() || icon.fileName;
  const ext = /\.[^.]+$/.exec(name)?.[0].toLowerCase() ?? '';
  const claimed = ALLOWED_EXTENSIONS[ext];
  if (!claimed) {
    return {
      ok: false,
      reason: 'extension',
      message: `"${name}" is not a JPG, JPEG, GIF or PNG file. Choose an image with one of those extensions.`,
    };
  }
  if (icon.bytes.length === 0) return { ok: false, reason: 'empty', message: `"${name}" is empty.` };
  if (icon.bytes.length > MAX_ICON_BYTES) {
    const mb = (icon.bytes.length / MAX_ICON_BYTES).toFixed(1);
    return {
      ok: false,
      reason: 'too-large',
      message: `"${name}" is ${mb} MB; PingOne app icons can be at most 1 MB. Choose a smaller image.`,
    };
  }
  const actual = detectImageFormat(icon.bytes);
  if (!actual) {
    return {
      ok: false,
      reason: 'content',
      message: `"${name}" is named ${ext} but its content is not a ${FORMAT_NAMES[claimed]}, JPEG, GIF or PNG image. Choose a real image file.`,
    };
  }
  // A PNG named .jpg is still an image PingOne accepts: trust the content and say so.
  const note = actual !== claimed ? `"${name}" is really a ${FORMAT_NAMES[actual]} image; it will be uploaded as one.` : undefined;
  return { ok: true, format: actual, contentType: IMAGE_CONTENT_TYPES[actual], fileName: name, size: icon.bytes.length, note };
}
