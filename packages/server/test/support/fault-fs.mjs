// Test-only fault injection for the real `jiandu` process, loaded with `node --import` (NODE_OPTIONS):
// JIANDU_TEST_FAULT=ENOSPC:<bytes>  writes into files under JIANDU_DATA_DIR fail with ENOSPC once <bytes> were written;
// JIANDU_TEST_FAULT=EROFS           every file opened for writing under JIANDU_DATA_DIR fails with EROFS.
// It patches node:fs in the child only; nothing in the application knows about it.
import fs from 'node:fs';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';

const [mode, arg] = (process.env.JIANDU_TEST_FAULT ?? '').split(':');
const root = path.resolve(process.env.JIANDU_DATA_DIR ?? 'data');
const under = (p) => typeof p === 'string' && path.resolve(p).startsWith(root);
const fail = (code, syscall, p) => Object.assign(new Error(`${code}: injected fault, ${syscall}${p ? ` '${p}'` : ''}`), { code, syscall, errno: code === 'ENOSPC' ? -28 : -30, ...(p ? { path: p } : {}) });
const writing = (flags) => flags !== undefined && flags !== 'r' && flags !== fs.constants.O_RDONLY;

const watched = new Set();
let budget = Number(arg ?? 0);
const { openSync, writeSync, writeFileSync, mkdirSync } = fs;

fs.openSync = function (p, flags, ...rest) {
  if (mode === 'EROFS' && under(p) && writing(flags)) throw fail('EROFS', 'open', p);
  const fd = openSync.call(fs, p, flags, ...rest);
  if (under(p)) watched.add(fd);
  return fd;
};
fs.writeSync = function (fd, buf, ...rest) {
  if (mode === 'ENOSPC' && watched.has(fd)) {
    const n = typeof buf === 'string' ? Buffer.byteLength(buf) : (typeof rest[1] === 'number' ? rest[1] : buf.byteLength);
    budget -= n;
    if (budget < 0) throw fail('ENOSPC', 'write');
  }
  return writeSync.call(fs, fd, buf, ...rest);
};
fs.writeFileSync = function (p, data, ...rest) {
  if (mode === 'EROFS' && under(p)) throw fail('EROFS', 'open', p);
  return writeFileSync.call(fs, p, data, ...rest);
};
fs.mkdirSync = function (p, ...rest) {
  if (mode === 'EROFS' && under(p) && !fs.existsSync(p)) throw fail('EROFS', 'mkdir', p);
  return mkdirSync.call(fs, p, ...rest);
};
syncBuiltinESMExports();
