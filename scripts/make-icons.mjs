// Writes Wren's icons into public/icons/ from the one drawing below: the SVG favicon, the
// manifest's PNGs (192 and 512 px, plain and maskable) and the apple-touch-icon; and
// app/favicon.ico (16, 32 and 48 px PNGs in an ICO), which browsers ask for whatever the page
// links (a 404 there is a console error, #22). The PNGs and the ICO are committed; run this again after changing the drawing (`node scripts/make-icons.mjs`).
// sharp renders the SVG (librsvg inside its pinned libvips), so the same version gives the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const OUT = join(import.meta.dirname, '..', 'public', 'icons');
const SKY = '#0369a1'; // sky-700, the app's accent (app/manifest.ts's theme_color)

// A wren, white on the accent, in a 100 x 100 box: cocked tail, round body, beak, eye, legs.
const bird = `
  <g fill="#fff">
    <path d="M19 24 Q24 19 30 21 L42 50 L32 55 Z"/>
    <path d="M30 58 C30 45 42 40 52 42 C54 33 62 29 69 31 C75 33 78 38 78 41 L88 44 L77 47 C76 54 74 62 68 68 C61 75 50 77 42 74 C34 71 30 65 30 58 Z"/>
  </g>
  <circle cx="69" cy="39" r="2.4" fill="${SKY}"/>
  <path d="M48 74 L46 83 M57 74 L57 83" stroke="#fff" stroke-width="3" stroke-linecap="round"/>`;

/**
 * `rounded`: a rounded square with transparent corners (purpose "any"). Otherwise the colour fills
 * the square and the bird is shrunk by `scale` about the centre: a maskable icon must keep what
 * matters inside the middle circle of 80% (the platform cuts the rest to its own shape), and iOS
 * rounds the apple-touch-icon's corners itself (transparent corners would turn black).
 */
function drawing({ rounded, scale = 1 }) {
  const background = rounded ? `<rect width="100" height="100" rx="22" fill="${SKY}"/>` : `<rect width="100" height="100" fill="${SKY}"/>`;
  const offset = 50 * (1 - scale);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${background}<g transform="translate(${offset} ${offset}) scale(${scale})">${bird}</g></svg>\n`;
}

/** An ICO holding PNG images (read by every browser since IE 11): a 6-byte header, 16 bytes per image, the PNGs. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

const pngBuffer = (svg, size) =>
  sharp(Buffer.from(svg), { density: Math.ceil((72 * size) / 100) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();

const png = (svg, size, file) =>
  sharp(Buffer.from(svg), { density: Math.ceil((72 * size) / 100) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(join(OUT, file));

mkdirSync(OUT, { recursive: true });
const plain = drawing({ rounded: true });
const maskable = drawing({ rounded: false, scale: 0.72 });
const apple = drawing({ rounded: false, scale: 0.85 });
writeFileSync(join(OUT, 'wren.svg'), plain);
await Promise.all([
  png(plain, 192, 'icon-192.png'),
  png(plain, 512, 'icon-512.png'),
  png(maskable, 192, 'icon-maskable-192.png'),
  png(maskable, 512, 'icon-maskable-512.png'),
  png(apple, 180, 'apple-touch-icon.png'),
]);
const favicon = await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await pngBuffer(plain, size) })));
writeFileSync(join(import.meta.dirname, '..', 'app', 'favicon.ico'), ico(favicon));
console.log(`icons written to ${OUT} and app/favicon.ico`);
