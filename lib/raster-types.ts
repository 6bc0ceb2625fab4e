/**
 * The image types Wren lets a browser render: shown inline in mail (cid: parts), served inline by
 * the attachment route, fetched by the image proxy. Every other type is an opaque download.
 */
export const RASTER_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export function isRasterType(contentType: string): boolean {
  return RASTER_TYPES.has(contentType.toLowerCase());
}
