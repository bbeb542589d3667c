/** The `ZhaoPian` photo: base64 → bytes, and a sniffed image type (JPEG in practice). */
import type { LrmxPhoto, PhotoType } from './types.ts';

const MIME: Record<PhotoType, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp' };

/** The image type of the bytes by their magic number, or null when they are not a supported image. */
export function sniffImage(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'gif';
  if (b.length >= 14 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return null;
}

export type PhotoResult = { ok: true; photo: LrmxPhoto | null } | { ok: false; message: string };

/** Raw image bytes (a `.pic` file, or decoded base64) → photo; empty → null. */
export function photoFromBytes(bytes: Uint8Array): PhotoResult {
  if (bytes.length === 0) return { ok: true, photo: null };
  const type = sniffImage(bytes);
  if (!type) return { ok: false, message: '照片不是可识别的图片（支持 JPEG、PNG、GIF、BMP），已忽略照片' };
  return { ok: true, photo: { bytes: Buffer.from(bytes), type, mime: MIME[type] } };
}

/**
 * The text of `<ZhaoPian>` → photo. Line breaks and spaces are ignored, a `data:image/…;base64,` prefix
 * and base64url characters are tolerated; anything else that is not base64 is an error (Node's decoder
 * would silently skip it).
 */
export function photoFromBase64(text: string): PhotoResult {
  let s = text.replace(/\s+/gu, '');
  if (s === '') return { ok: true, photo: null };
  s = s.replace(/^data:image\/[a-z+.-]+;base64,/iu, '').replace(/-/gu, '+').replace(/_/gu, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/u.test(s) || s.replace(/=+$/u, '').length % 4 === 1) {
    return { ok: false, message: '照片不是有效的 base64 编码，已忽略照片' };
  }
  return photoFromBytes(Buffer.from(s, 'base64'));
}

/** Photo bytes → base64 without line breaks, as the editor writes it. */
export function photoToBase64(photo: LrmxPhoto): string {
  return Buffer.from(photo.bytes).toString('base64');
}
