/**
 * Draws the app and add-in icons (rounded rectangles, supersampled) and writes them as PNG into manifest/icons/.
 * Deterministic: the test suite re-renders them and compares with the committed files. After changing the design:
 * `npx tsx manifest/generate-icons.ts`, then commit the PNGs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_ICONS, ICONS_DIR, renderIcon } from './icons';
import { encodePng } from './png';

mkdirSync(ICONS_DIR, { recursive: true });
for (const icon of ALL_ICONS) {
  const file = path.join(ICONS_DIR, icon.file);
  writeFileSync(file, encodePng({ width: icon.size, height: icon.size, rgba: renderIcon(icon.variant, icon.size) }));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${icon.size}×${icon.size})`);
}
