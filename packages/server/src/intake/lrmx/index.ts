export * from './types.ts';
export { parseLrmx, type ParseLrmxOptions } from './parse-lrmx.ts';
export { parseLrm, splitLrmRecord, type ParseLrmOptions } from './parse-lrm.ts';
export { writeLrmx, escapeXmlText, type WriteLrmxOptions } from './write-lrmx.ts';
export { normalizeTexts, cleanText, nameValue } from './normalize.ts';
export { sniffImage, photoFromBase64, photoFromBytes, photoToBase64 } from './photo.ts';
export { decodeXmlBytes, decodeLegacyBytes } from './decode.ts';
export { assertNoDtd, parseXml } from './xml.ts';
