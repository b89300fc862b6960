/**
 * Draws the app and add-in icons (rounded rectangles, supersampled) and writes them as PNG into manifest/icons/,
 * plus a contact sheet for people to look at (docs/app-icons.png). Deterministic: the test suite re-renders the
 * icons and compares them with the committed files. After changing the design: `npx tsx manifest/generate-icons.ts`,
 * then commit the PNGs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contactSheet } from './contact-sheet';
import { ALL_ICONS, ICONS_DIR, renderIcon } from './icons';
import { encodePng } from './png';

mkdirSync(ICONS_DIR, { recursive: true });
const rendered = ALL_ICONS.map((spec) => ({
  spec,
  image: { width: spec.size, height: spec.size, rgba: renderIcon(spec.variant, spec.size) },
}));
for (const { spec, image } of rendered) {
  const file = path.join(ICONS_DIR, spec.file);
  writeFileSync(file, encodePng(image));
  console.log(`wrote ${path.relative(process.cwd(), file)} (${spec.size}×${spec.size})`);
}
const sheet = fileURLToPath(new URL('../docs/app-icons.png', import.meta.url));
writeFileSync(sheet, encodePng(contactSheet(rendered)));
console.log(`wrote ${path.relative(process.cwd(), sheet)}`);
