/** Runs the real `jiandu` command in a child process, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';

export const BIN = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/jiandu.mjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Reads a child's output as text, decoded as UTF-8 across chunks: a pipe may cut a Chinese character
 * (3 bytes) between two reads, and decoding each chunk on its own would turn it into "��".
 */
export function onText(stream: Readable, fn: (text: string) => void): void {
  stream.setEncoding('utf8');
  stream.on('data', fn);
}

/** Budgets (here and in `startServer`) hold at load 8 on 2 cores, where one start of `jiandu` takes tens of seconds. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<RunResult> {
  return runCommand(process.execPath, [BIN, ...args], { ...process.env, LOG_LEVEL: 'warn', ...env }, timeoutMs);
}

/** Runs any command to its exit and collects its output (`runCli` for `jiandu` itself). */
export function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    onText(child.stdout, (d) => (stdout += d));
    onText(child.stderr, (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(file)} ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': at 'exit' the pipes may still hold the last of the output.
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `jiandu serve` on a free port and waits for its banner. */
export function startServer(env: Record<string, string>, timeoutMs = 180_000): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, timeoutMs);
    const onData = (d: string) => {
      out += d;
      const m = /已启动：(http:\/\/[^\s║]+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out, exited });
      }
    };
    onText(child.stdout, onData);
    onText(child.stderr, onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it started:\n${out}`));
    });
  });
}
