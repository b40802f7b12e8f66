/**
 * Images (PingOne Platform API, Images): raw bytes with Content-Type and
 * Content-Disposition, not multipart. The returned `href` is on PingOne's
 * upload CDN; the client never sends a token there (it only goes in `icon`).
 */
import type { PingOneClient } from './client';
import { isJsonObject } from './client';
import type { Image, ImageFormat } from './models';

export const IMAGE_CONTENT_TYPES: Record<ImageFormat, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
};

export interface ImageUpload {
  bytes: Uint8Array;
  fileName: string;
  format: ImageFormat;
}

/** ASCII letters, digits, `.`, `_`, `-` only: keeps the header valid and unambiguous. */
export function safeUploadFileName(fileName: string, format: ImageFormat): string {
  const base =
    (fileName.split(/[\\/]/).pop() ?? '')
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 100) || 'icon';
  return `${base}.${format}`;
}

/** Uploads an image. Not repeated after an ambiguous failure (an orphan image is harmless, but we don't guess). */
export function uploadImage(
  client: PingOneClient,
  environmentId: string,
  upload: ImageUpload,
  options: { signal?: AbortSignal } = {}
): Promise<Image> {
  const fileName = safeUploadFileName(upload.fileName, upload.format);
  return client.call<Image>({
    method: 'POST',
    path: `/environments/${encodeURIComponent(environmentId)}/images`,
    raw: {
      bytes: upload.bytes,
      contentType: IMAGE_CONTENT_TYPES[upload.format],
      headers: { 'content-disposition': `attachment; filename=${fileName}` },
    },
    operation: `upload the icon ${fileName}`,
    signal: options.signal,
    permissionHint: 'a role that may create images in this environment (Environment Admin or Client Application Developer)',
    // The app's icon is built from `id` and `targets.original.href`; without them the upload's outcome is unknown.
    expect: {
      description: 'a JSON object with an id and targets.original.href',
      matches: (body) =>
        isJsonObject(body) &&
        typeof body.id === 'string' &&
        isJsonObject(body.targets) &&
        isJsonObject(body.targets.original) &&
        typeof body.targets.original.href === 'string',
    },
  });
}
