import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipAppPackage } from '../../manifest/build';
import { ALL_ICONS, ICONS_DIR, ICONS_URL_PATH, renderIcon } from '../../manifest/icons';
import { decodePng, encodePng } from '../../manifest/png';
import { iconsRouter } from '../../manifest/serve-icons';
import { readZip } from '../../manifest/zip';
import { BASE_URL, manifestOf, testPackage } from './helpers';

function committed(file: string) {
  return decodePng(readFileSync(path.join(ICONS_DIR, file)));
}

describe('icons', () => {
  it.each(ALL_ICONS)('$file is the committed rendering at $size×$size', ({ file, size, variant }) => {
    const image = committed(file);
    expect([image.width, image.height]).toEqual([size, size]);
    expect(Buffer.from(image.rgba).equals(Buffer.from(renderIcon(variant, size)))).toBe(true);
  });

  it('outline icon is white on transparent, with a visible symbol', () => {
    const { rgba } = committed('outline.png');
    let transparent = 0;
    let solid = 0;
    let coloured = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) transparent++;
      else if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) coloured++;
      if (rgba[i + 3] === 255) solid++;
    }
    expect(coloured).toBe(0);
    expect(transparent).toBeGreaterThan(200);
    expect(solid).toBeGreaterThan(150);
  });

  it('colour icon is full-bleed brand colour with a white symbol', () => {
    const { rgba, width } = committed('color.png');
    const translucent = rgba.filter((value, i) => i % 4 === 3 && value !== 255).length;
    expect(translucent).toBe(0);
    expect([...rgba.subarray(0, 3)]).toEqual([0x1a, 0x5f, 0xb4]);
    const center = (96 * width + 96) * 4;
    expect([...rgba.subarray(center, center + 3)]).toEqual([255, 255, 255]);
  });
});

describe('png and zip codecs', () => {
  it('round-trips RGBA pixels through PNG', () => {
    const rgba = new Uint8Array(7 * 5 * 4).map((_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng({ width: 7, height: 5, rgba }));
    expect(decoded.width).toBe(7);
    expect(decoded.height).toBe(5);
    expect([...decoded.rgba]).toEqual([...rgba]);
    expect(() => decodePng(Buffer.from('GIF89a not a png'))).toThrow(/not a PNG/);
  });

  it('reads back the zip it writes', async () => {
    const files = new Map([
      ['manifest.json', Buffer.from('{"a":1}')],
      ['color.png', Buffer.alloc(5000, 7)],
    ]);
    const entries = readZip(await zipAppPackage(files));
    expect([...entries.keys()]).toEqual(['manifest.json', 'color.png']);
    expect(entries.get('color.png')?.equals(files.get('color.png')!)).toBe(true);
    expect(() => readZip(Buffer.from('no zip here, just text that is long enough'))).toThrow(/not a zip/);
  });
});

describe('icons served for the manifests', () => {
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let origin: string;
  beforeAll(async () => {
    const app = express();
    app.use(ICONS_URL_PATH, iconsRouter());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves every icon URL that the manifests reference', async () => {
    const appPackage = await testPackage();
    const text = `${appPackage.addinXml}\n${JSON.stringify(manifestOf(appPackage))}`;
    const iconUrls = [...new Set(text.match(/https:\/\/[^"<\s]+\.png/g) ?? [])];
    expect(iconUrls.length).toBeGreaterThanOrEqual(5);
    for (const url of iconUrls) {
      expect(url.startsWith(`${BASE_URL}${ICONS_URL_PATH}/`)).toBe(true);
      const response = await fetch(`${origin}${url.slice(BASE_URL.length)}`);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(readFileSync(path.join(ICONS_DIR, path.basename(url))))).toBe(true);
    }
    expect((await fetch(`${origin}${ICONS_URL_PATH}/nothing.png`)).status).toBe(404);
  });
});
