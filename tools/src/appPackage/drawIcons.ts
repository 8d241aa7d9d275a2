/**
 * Writes appPackage/color.png (192×192) and appPackage/outline.png (32×32, white on transparent) from the
 * geometry in iconArt.ts. Run after changing the drawing: `npx tsx tools/src/appPackage/drawIcons.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { iconLayers, renderIcon } from './iconArt';

const APP_PACKAGE_DIR = path.resolve(__dirname, '../../../appPackage');

function writePng(file: string, size: number, outline: boolean): void {
  const png = new PNG({ width: size, height: size });
  renderIcon(size, iconLayers(outline)).copy(png.data);
  writeFileSync(path.join(APP_PACKAGE_DIR, file), PNG.sync.write(png));
}

writePng('color.png', 192, false);
writePng('outline.png', 32, true);
