import type { IconSpec } from './icons';
import type { RgbaImage } from './png';

/**
 * Lays icons out on light and dark stripes (as Teams and Outlook show them), each magnified to at least 96 px with
 * hard pixels, so a person can judge the small sizes.
 */
export function contactSheet(icons: ReadonlyArray<{ spec: IconSpec; image: RgbaImage }>): RgbaImage {
  const gap = 16;
  const backgrounds: Array<[number, number, number]> = [
    [245, 245, 245],
    [41, 41, 41],
    [70, 71, 117],
  ];
  const scaled = icons.map(({ spec, image }) => ({ spec, image, scale: Math.max(1, Math.ceil(96 / image.width)) }));
  const rowHeight = Math.max(...scaled.map(({ image, scale }) => image.height * scale)) + 2 * gap;
  const width = scaled.reduce((sum, { image, scale }) => sum + image.width * scale + gap, gap);
  const height = rowHeight * backgrounds.length;
  const rgba = new Uint8Array(width * height * 4);
  backgrounds.forEach((color, row) => {
    for (let y = row * rowHeight; y < (row + 1) * rowHeight; y++) {
      for (let x = 0; x < width; x++) rgba.set([...color, 255], (y * width + x) * 4);
    }
    let left = gap;
    for (const { image, scale } of scaled) {
      const top = row * rowHeight + gap;
      for (let y = 0; y < image.height * scale; y++) {
        for (let x = 0; x < image.width * scale; x++) {
          const source = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
          const target = ((top + y) * width + left + x) * 4;
          const alpha = (image.rgba[source + 3] ?? 0) / 255;
          for (let c = 0; c < 3; c++) {
            rgba[target + c] = Math.round(
              (image.rgba[source + c] ?? 0) * alpha + (rgba[target + c] ?? 0) * (1 - alpha),
            );
          }
        }
      }
      left += image.width * scale + gap;
    }
  });
  return { width, height, rgba };
}
