/**
 * Teams' icon rules: the colour icon is a 192×192 PNG; the outline icon a 32×32 PNG that is white on a
 * transparent background (Teams tints it; any other colour shows as a smudge).
 */
import { PNG } from 'pngjs';

/** Problems of one icon file's bytes; `outline` adds the white-on-transparent rule. */
export function iconProblems(name: string, bytes: Buffer, expectedSize: number, outline: boolean): string[] {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    return [`${name} is not a readable PNG (${(error as Error).message})`];
  }
  if (png.width !== expectedSize || png.height !== expectedSize) {
    return [`${name} is ${png.width}×${png.height}, must be ${expectedSize}×${expectedSize}`];
  }
  return outline ? outlineProblems(name, png.data) : [];
}

function outlineProblems(name: string, rgba: Buffer): string[] {
  let transparent = 0, drawn = 0, coloured = 0;
  for (let offset = 0; offset < rgba.length; offset += 4) {
    const alpha = rgba[offset + 3]!;
    if (alpha === 0) transparent++;
    else {
      drawn++;
      if (rgba[offset] !== 255 || rgba[offset + 1] !== 255 || rgba[offset + 2] !== 255) coloured++;
    }
  }
  const problems: string[] = [];
  if (!transparent) problems.push(`${name} has no transparent pixel: the outline icon needs a transparent background`);
  if (!drawn) problems.push(`${name} is empty: nothing is drawn`);
  if (coloured) problems.push(`${name} has ${coloured} visible pixels that are not white: the outline icon must be white on transparent`);
  return problems;
}
