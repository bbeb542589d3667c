#!/usr/bin/env node
// `npm start` builds the UI first, but only when a source file is newer than the last build.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const web = path.join(root, 'packages/web');
const stamp = path.join(web, 'dist/index.html');
const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(root, 'packages/domain/src')];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (built === 0 || Math.max(...sources.map(newest)) > built || process.env.JIANDU_FORCE_BUILD) {
  console.log('正在构建前端（packages/web）……');
  execSync('npm run build -w packages/web', { cwd: root, stdio: 'inherit' });
} else {
  console.log('前端已是最新构建，跳过构建。');
}
