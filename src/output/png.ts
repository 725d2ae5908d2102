// SVG to PNG with resvg, using the DejaVu Sans files shipped by the dejavu-fonts-ttf npm package rather
// than system fonts: a fresh machine may have none, and the pictures should not depend on what is there.
// Node only.
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { crc32, deflate, deflateSync } from 'node:zlib';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const deflateAsync = promisify(deflate);

/** Paths of the bundled fonts (regular and bold: the figures use both). */
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
);

const OPTIONS: ResvgRenderOptions = {
  font: {
    loadSystemFonts: false,
    fontFiles: FONT_FILES,
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
  },
  background: '#ffffff',
  fitTo: { mode: 'original' },
  logLevel: 'off',
};

export interface RasterImage {
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** Opaque RGBA to PNG scanlines: RGB (the background is opaque) with the Sub filter on every row. */
function subFilteredRgb(rgba: Uint8Array, widthPx: number, heightPx: number): Uint8Array {
  const stride = widthPx * 3 + 1;
  const out = new Uint8Array(stride * heightPx);
  for (let y = 0; y < heightPx; y++) {
    let o = y * stride;
    let i = y * widthPx * 4;
    out[o++] = 1;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let x = 0; x < widthPx; x++, i += 4) {
      out[o++] = rgba[i] - r;
      out[o++] = rgba[i + 1] - g;
      out[o++] = rgba[i + 2] - b;
      r = rgba[i];
      g = rgba[i + 1];
      b = rgba[i + 2];
    }
  }
  return out;
}

/**
 * Encodes the pixels ourselves instead of resvg's asPng(): that runs on the main thread, while zlib's
 * deflate runs on the thread pool, next to the raw-data formatting (and the files come out smaller).
 */
async function encodePng(rgba: Uint8Array, widthPx: number, heightPx: number): Promise<Uint8Array> {
  return pngFile(
    await deflateAsync(subFilteredRgb(rgba, widthPx, heightPx), { level: 3 }),
    widthPx,
    heightPx,
  );
}

function pngFile(data: Uint8Array, widthPx: number, heightPx: number): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthPx, 0);
  header.writeUInt32BE(heightPx, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, adaptive filtering, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [signature, chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', new Uint8Array(0))];
  return new Uint8Array(Buffer.concat(parts));
}

/** Rasterises an SVG document at its own size; runs on libuv's thread pool, so several can run at once. */
export async function svgToPng(svg: string): Promise<RasterImage> {
  const image = await renderAsync(svg, OPTIONS);
  const widthPx = image.width;
  const heightPx = image.height;
  return { png: await encodePng(image.pixels, widthPx, heightPx), widthPx, heightPx };
}

/** The same on the calling thread (for a thread that rasterises one figure at a time: raster-thread.ts). */
export function svgToPngSync(svg: string): RasterImage {
  const image = new Resvg(svg, OPTIONS).render();
  const { width: widthPx, height: heightPx } = image;
  const data = deflateSync(subFilteredRgb(image.pixels, widthPx, heightPx), { level: 3 });
  return { png: pngFile(data, widthPx, heightPx), widthPx, heightPx };
}
