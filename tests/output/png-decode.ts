// A minimal PNG reader for the tests: 8-bit RGBA or RGB, non-interlaced (what resvg writes).
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  widthPx: number;
  heightPx: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  rgba: Uint8Array;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reverses the per-row filters (PNG spec §9) in place, row by row. */
function unfilter(data: Uint8Array, widthPx: number, heightPx: number, channels: number): Uint8Array {
  const stride = widthPx * channels;
  const out = new Uint8Array(stride * heightPx);
  for (let y = 0; y < heightPx; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[at + x - channels] : 0;
      const b = y > 0 ? out[at - stride + x] : 0;
      const c = y > 0 && x >= channels ? out[at - stride + x - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[at + x] = (row[x] + predictor) & 0xff;
    }
  }
  return out;
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let widthPx = 0;
  let heightPx = 0;
  let channels = 4;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      widthPx = view.getUint32(offset + 8);
      heightPx = view.getUint32(offset + 12);
      const [bitDepth, colourType, , , interlace] = body.subarray(8, 13);
      if (bitDepth !== 8 || interlace !== 0 || (colourType !== 6 && colourType !== 2)) {
        throw new Error(
          `unsupported PNG: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`,
        );
      }
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const pixels = unfilter(new Uint8Array(inflateSync(Buffer.concat(idat))), widthPx, heightPx, channels);
  if (channels === 4) return { widthPx, heightPx, rgba: pixels };
  const rgba = new Uint8Array(widthPx * heightPx * 4);
  for (let i = 0; i < widthPx * heightPx; i++) {
    rgba.set(pixels.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return { widthPx, heightPx, rgba };
}

/** How many pixels have exactly this colour (#rrggbb). */
export function countColour(image: DecodedPng, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i] === r && image.rgba[i + 1] === g && image.rgba[i + 2] === b) count++;
  }
  return count;
}

export function distinctColours(image: DecodedPng): number {
  const seen = new Set<number>();
  for (let i = 0; i < image.rgba.length; i += 4) {
    seen.add((image.rgba[i] << 16) | (image.rgba[i + 1] << 8) | image.rgba[i + 2]);
  }
  return seen.size;
}
