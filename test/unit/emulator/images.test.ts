import assert from 'node:assert/strict';
import { Api, assertError, GIF_5x4, JPEG_7x6, PNG_3x2, useEmulator } from './helpers';

describe('emulator: images', () => {
  const ctx = useEmulator();
  let admin: Api;
  before(async () => {
    admin = await Api.admin(ctx.get());
  });
  const images = () => `/environments/${ctx.get().environmentId}/images`;
  const upload = (bytes: Buffer, type: string) =>
    admin.request('POST', images(), bytes, { 'content-type': type, 'content-disposition': 'attachment; filename=icon' });

  it('uploads a PNG as a raw body and serves it at targets.original.href', async () => {
    const res = await upload(PNG_3x2, 'image/png');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const original = res.body.targets.original;
    assert.deepEqual({ type: original.type, width: original.width, height: original.height }, { type: 'png', width: 3, height: 2 });
    assert.ok(original.href.startsWith(ctx.get().baseUrl));
    const served = await fetch(original.href, { signal: AbortSignal.timeout(5000) });
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(await served.arrayBuffer()).equals(PNG_3x2));
  });

  it('recognizes GIF and JPEG by their bytes', async () => {
    const gif = await upload(GIF_5x4, 'image/gif');
    assert.deepEqual([gif.body.targets.original.type, gif.body.targets.original.width, gif.body.targets.original.height], ['gif', 5, 4]);
    const jpg = await upload(JPEG_7x6, 'image/jpg');
    assert.deepEqual([jpg.body.targets.original.type, jpg.body.targets.original.width, jpg.body.targets.original.height], ['jpg', 7, 6]);
  });

  it('refuses bytes that are not PNG, JPEG or GIF', async () => {
    const err = assertError(await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png'), 400, 'INVALID_DATA');
    assert.equal(err.details[0].target, 'image');
  });

  it('refuses images over 1 MB but accepts exactly 1 MB', async () => {
    const big = Buffer.concat([PNG_3x2, Buffer.alloc(1024 * 1024 + 1 - PNG_3x2.length)]);
    const err = assertError(await upload(big, 'image/png'), 400, 'INVALID_DATA');
    assert.equal(err.details[0].code, 'SIZE_LIMIT_EXCEEDED');
    const exact = Buffer.concat([PNG_3x2, Buffer.alloc(1024 * 1024 - PNG_3x2.length)]);
    assert.equal((await upload(exact, 'image/png')).status, 201);
  });

  it('refuses other content types with 415', async () => {
    assertError(await upload(PNG_3x2, 'application/octet-stream'), 415, 'INVALID_REQUEST');
  });

  it('reads and deletes an image; the icon can be set on an app', async () => {
    const created = (await upload(PNG_3x2, 'image/png')).body;
    const read = await admin.get(`${images()}/${created.id}`);
    assert.equal(read.body.targets.original.href, created.targets.original.href);
    const app = await admin.post(`/environments/${ctx.get().environmentId}/applications`, {
      name: 'With Icon',
      type: 'WORKER',
      protocol: 'OPENID_CONNECT',
      grantTypes: ['CLIENT_CREDENTIALS'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      assignActorRoles: false,
      icon: { id: created.id, href: created.targets.original.href },
    });
    assert.equal(app.status, 201);
    assert.equal(app.body.icon.href, created.targets.original.href);
    assert.equal((await admin.delete(`${images()}/${created.id}`)).status, 204);
    assertError(await admin.get(`${images()}/${created.id}`), 404, 'NOT_FOUND');
    assert.equal((await fetch(created.targets.original.href, { signal: AbortSignal.timeout(5000) })).status, 404);
  });
});
