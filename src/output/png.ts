// SVG to PNG with resvg, using the DejaVu Sans files shipped by the dejavu-fonts-ttf npm package rather
// than system fonts: a fresh machine may have none, and the pictures should not depend on what is there.
// Node only.
import { createRequire } from 'node:module';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

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

/** Rasterises an SVG document at its own size; runs on libuv's thread pool, so several can run at once. */
export async function svgToPng(svg: string): Promise<RasterImage> {
  const image = await renderAsync(svg, OPTIONS);
  return { png: new Uint8Array(image.asPng()), widthPx: image.width, heightPx: image.height };
}
