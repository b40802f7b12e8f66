import { requirePermission } from '../authorization';
import type { Reply, RequestContext } from '../context';
import { ApiError, invalidData, notFound } from '../errors';
import { sniffImage } from '../imageFormats';
import { actorOf, environmentForSubResource } from '../lookup';
import { renderImage } from '../render';
import { P } from '../roleCatalogue';
import type { Router } from '../router';
import type { Image } from '../state';

/** The console's limit (PingOne Platform API, Images); the API's own limit is UNCONFIRMED, the emulator applies 1 MB. */
export const MAX_IMAGE_BYTES = 1024 * 1024;
const ACCEPTED_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/jpg', 'image/gif'];

/** `POST /environments/{env}/images`: raw body, not multipart (PingOne Platform API, Images). */
async function createImage(ctx: RequestContext): Promise<Reply> {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  requirePermission(ctx.core.state, actorOf(ctx).clientId, P.createImage, { environmentId: env.id });
  const contentType = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!ACCEPTED_CONTENT_TYPES.includes(contentType)) {
    throw new ApiError(
      415,
      'INVALID_REQUEST',
      'The request could not be completed. The content type must be image/png, image/jpeg or image/gif.'
    );
  }
  // Read a little more than the limit so an oversized upload is told apart from one at the limit.
  let bytes: Buffer;
  try {
    bytes = await ctx.rawBody(MAX_IMAGE_BYTES);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413) {
      throw invalidData([
        {
          code: 'SIZE_LIMIT_EXCEEDED',
          target: 'image',
          message: 'The image must be at most 1 MB',
          innerError: { maximumValue: MAX_IMAGE_BYTES },
        },
      ]);
    }
    throw error;
  }
  const info = sniffImage(bytes);
  if (!info) {
    throw invalidData([
      {
        code: 'INVALID_VALUE',
        target: 'image',
        message: 'The image must be a PNG, JPEG or GIF file',
        innerError: { allowedValues: ['png', 'jpg', 'gif'] },
      },
    ]);
  }
  const image: Image = {
    id: ctx.core.newId(),
    environmentId: env.id,
    format: info.format,
    mimeType: info.mimeType,
    width: info.width,
    height: info.height,
    bytes,
    createdAt: new Date().toISOString(),
  };
  ctx.core.state.images.set(image.id, image);
  return { status: 201, body: renderImage(ctx.core, image) };
}

function imageOf(ctx: RequestContext): Image {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const image = ctx.core.state.images.get(ctx.params.imageId);
  if (!image || image.environmentId !== env.id) throw notFound('image');
  return image;
}

function readImage(ctx: RequestContext): Reply {
  const image = imageOf(ctx);
  requirePermission(ctx.core.state, actorOf(ctx).clientId, P.readImage, { environmentId: image.environmentId });
  return { status: 200, body: renderImage(ctx.core, image) };
}

function deleteImage(ctx: RequestContext): Reply {
  const image = imageOf(ctx);
  requirePermission(ctx.core.state, actorOf(ctx).clientId, P.deleteImage, { environmentId: image.environmentId });
  ctx.core.state.images.delete(image.id);
  return { status: 204 };
}

/** The image bytes at `targets.original.href`, public like PingOne's uploads host. */
function serveImageBytes(ctx: RequestContext): Reply {
  const image = ctx.core.state.images.get(ctx.params.imageId);
  if (!image || ctx.params.file !== `original.${image.format}`) throw notFound('image');
  return { status: 200, raw: image.bytes, headers: { 'Content-Type': image.mimeType, 'Cache-Control': 'public, max-age=3600' } };
}

export function registerImageRoutes(router: Router, assets: Router): void {
  const base = '/v1/environments/:environmentId/images';
  router.add('POST', base, createImage);
  router.add('GET', `${base}/:imageId`, readImage);
  router.add('DELETE', `${base}/:imageId`, deleteImage);
  assets.add('GET', '/assets/images/:imageId/:file', serveImageBytes);
}
