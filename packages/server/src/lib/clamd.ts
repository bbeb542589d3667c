/**
 * A minimal clamd client (node:net): the INSTREAM command (`zINSTREAM\0`, then chunks each prefixed by
 * its length as 4 bytes big-endian, then a zero-length chunk), answered `stream: OK` or
 * `stream: <signature> FOUND` (or `… ERROR`). No dependency; bounded memory (the data is sent in chunks).
 */
import net from 'node:net';
import type { Readable } from 'node:stream';

export interface ClamdAddress {
  host: string;
  port: number;
}

export type ClamdVerdict = { clean: true } | { clean: false; signature: string };

/** A scan that could not be completed (clamd unreachable, timed out, refused the stream, answered nonsense). */
export class ClamdUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClamdUnavailable';
  }
}

/** `host:port` (IPv6 as `[::1]:3310`); null when empty. Throws on a malformed value. */
export function parseClamdAddress(value: string | undefined | null): ClamdAddress | null {
  const v = value?.trim();
  if (!v) return null;
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/u.exec(v);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`JIANDU_CLAMD 应为 主机:端口（例如 127.0.0.1:3310）：${v}`);
  return { host: (m[1] ?? m[2])!, port };
}

const CHUNK = 64 * 1024;

/** Parses clamd's reply to INSTREAM. */
export function parseClamdReply(reply: string): ClamdVerdict {
  const text = reply.replace(/\0+$/u, '').trim();
  const body = text.replace(/^stream:\s*/u, '');
  if (body === 'OK') return { clean: true };
  const found = /^(.*)\s+FOUND$/u.exec(body);
  if (found) return { clean: false, signature: found[1]!.trim() || 'unknown' };
  throw new ClamdUnavailable(`病毒扫描服务返回了无法识别的结果：${text.slice(0, 200)}`);
}

/**
 * Streams `data` (a buffer, or a readable stream of buffers) to clamd and returns its verdict.
 * `timeoutMs` bounds the whole exchange (connect, send, verdict).
 */
export async function clamdScan(addr: ClamdAddress, data: Buffer | Readable | AsyncIterable<Buffer>, timeoutMs = 30_000): Promise<ClamdVerdict> {
  const socket = net.createConnection({ host: addr.host, port: addr.port });
  socket.setNoDelay(true);
  const replyChunks: Buffer[] = [];
  let closed = false;
  const done = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ClamdUnavailable('病毒扫描服务超时'));
    }, timeoutMs);
    socket.on('data', (b: Buffer) => {
      replyChunks.push(b);
      // The reply ends with NUL (z-prefixed commands); the server may keep the connection open.
      if (b.includes(0)) socket.end();
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      closed = true;
      reject(new ClamdUnavailable(`无法连接病毒扫描服务：${(e as NodeJS.ErrnoException).code ?? e.message}`));
    });
    socket.on('close', () => {
      clearTimeout(timer);
      closed = true;
      resolve(Buffer.concat(replyChunks).toString('utf8'));
    });
  });
  // A rejection before we await `done` must not be reported as unhandled.
  done.catch(() => {});

  const write = (b: Buffer) => new Promise<void>((resolve, reject) => {
    if (closed) return reject(new ClamdUnavailable('病毒扫描服务提前关闭了连接'));
    socket.write(b, (e) => (e ? reject(new ClamdUnavailable(`向病毒扫描服务发送数据失败：${e.message}`)) : resolve()));
  });
  const sendChunk = async (b: Buffer) => {
    for (let off = 0; off < b.length; off += CHUNK) {
      const part = b.subarray(off, Math.min(b.length, off + CHUNK));
      const len = Buffer.alloc(4);
      len.writeUInt32BE(part.length);
      await write(Buffer.concat([len, part]));
    }
  };

  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      done.catch(reject);
    });
    await write(Buffer.from('zINSTREAM\0', 'latin1'));
    if (Buffer.isBuffer(data)) await sendChunk(data);
    else for await (const b of data as AsyncIterable<Buffer>) await sendChunk(Buffer.isBuffer(b) ? b : Buffer.from(b));
    await write(Buffer.alloc(4));
  } catch (e) {
    // clamd answers (e.g. "INSTREAM size limit exceeded. ERROR") and closes: prefer its words when it did.
    socket.destroy();
    const got = await done.catch(() => '');
    if (got) throw new ClamdUnavailable(`病毒扫描服务拒绝了文件：${got.replace(/\0+$/u, '').trim().slice(0, 200)}`);
    throw e instanceof ClamdUnavailable ? e : new ClamdUnavailable(String(e));
  }
  const reply = await done;
  if (!reply) throw new ClamdUnavailable('病毒扫描服务没有返回结果');
  if (/ERROR\s*$/u.test(reply.replace(/\0+$/u, '').trim())) {
    throw new ClamdUnavailable(`病毒扫描服务未能扫描该文件：${reply.replace(/\0+$/u, '').trim().slice(0, 200)}`);
  }
  return parseClamdReply(reply);
}
