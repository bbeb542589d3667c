/** Serves the built UI (packages/web/dist) from this server: nothing comes from outside (intranet-ready). */
import fs from 'node:fs';
import path from 'node:path';
import type { App } from '../app-types.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

export function registerWeb(app: App, webDist: string): void {
  const root = path.resolve(webDist);
  const handler = async (req: { url: string; id: string }, reply: import('fastify').FastifyReply) => {
    const urlPath = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) return reply.code(404).send({ error: 'not_found', message: '接口不存在', requestId: req.id });
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) {
      return reply.code(503).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build（npm start 会自动构建）。');
    }
    let file = path.resolve(root, '.' + urlPath);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) file = index;
    const ext = path.extname(file);
    reply.type(TYPES[ext] ?? 'application/octet-stream');
    reply.header('Cache-Control', file !== index && urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.send(fs.createReadStream(file));
  };
  app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, handler);
  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, handler);
}
