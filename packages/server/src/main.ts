/** The server: open the runtime, bootstrap the first admin, listen; SIGINT/SIGTERM → drain, close the db. */
import { loadConfig, type Config } from './config.ts';
import { buildApp } from './app.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import { bootstrapFirstAdmins } from './services/users.service.ts';
import { systemActor } from './context.ts';
import { startFileHousekeeping } from './services/housekeeping.ts';
import { stopJobs } from './services/jobs.ts';
import { startImportKeeper } from './services/imports/keeper.ts';
import { startRuleSchedule } from './services/supervision/jobs.ts';
import { checkpointPath, startCheckpoints } from './services/audit-checkpoints.ts';
import { startSummaryGramsBackfill } from './services/entry-search.ts';

export function banner(lines: string[]): string {
  const width = Math.max(...lines.map((l) => [...l].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
  const bar = '═'.repeat(width + 4);
  return [`╔${bar}╗`, ...lines.map((l) => {
    const w = [...l].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    return `║  ${l}${' '.repeat(width - w)}  ║`;
  }), `╚${bar}╝`].join('\n');
}

export interface Serving {
  runtime: Runtime;
  url: string;
  stop(): Promise<void>;
}

export async function serve(config: Config, opts: { onReady?: (rt: Runtime) => Promise<string[]> } = {}): Promise<Serving> {
  const runtime = await openRuntime(config);
  let stopped = false;
  try {
    const app = await buildApp(runtime, { logger: { level: config.logLevel } });
    const extra: string[] = [];
    if (runtime.keyFileCreated) extra.push(`已创建密钥文件 ${config.keyFile}（请单独备份，丢失后敏感字段无法解密）`);
    // Imports of a process that stopped are interrupted — only those: other live processes on the same
    // PostgreSQL keep theirs (heartbeat). Embedded: this process alone opens the data, all others are dead.
    const keeper = await startImportKeeper(runtime, { exclusive: !config.databaseUrl });
    const interrupted = keeper.interrupted;
    if (interrupted > 0) extra.push(`有 ${interrupted} 个导入在上次停止时被中断，可在“导入”页面继续`);
    const admins = await bootstrapFirstAdmins({ ...runtime, pbkdf2Iterations: config.pbkdf2Iterations }, systemActor('system:bootstrap'));
    if (admins.length > 0) {
      extra.push('首次启动：已创建系统管理员和安全管理员账号，请分别交给两个人', '  （此后新建、启用账号和重置密码由系统管理员提出、安全管理员审批）');
      for (const a of admins) {
        extra.push(`  ${a.role === 'sysadmin' ? '系统管理员' : '安全管理员'} 登录名：${a.login}`, `  一次性密码：${a.password}`);
      }
      extra.push('  （只显示这一次；首次登录后必须修改）');
    }
    if (opts.onReady) extra.push(...(await opts.onReady(runtime)));
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('[::1]', 'localhost');
    const where = config.databaseUrl ? `PostgreSQL（DATABASE_URL）` : `内嵌数据库 ${config.dataDir}`;
    // Warnings and 待办 follow time too: resume an interrupted re-evaluation, evaluate what never was, sweep daily.
    const schedule = await startRuleSchedule(runtime);
    // Signed checkpoints of the audit log, outside the database: every few minutes and at shutdown.
    const checkpoints = startCheckpoints(runtime.db, runtime.auditSigner, checkpointPath(config), runtime.clock, config.auditCheckpointMinutes);
    const housekeeping = startFileHousekeeping(runtime); // staged uploads expire; legacy plaintext files get encrypted
    // 摘要 search grams of versions written before migration 0027, in batches, after the start (not before it).
    const backfill = startSummaryGramsBackfill(runtime);
    if (schedule.started) extra.push(`规则评估：${schedule.started.reason}（后台运行，可在“规则设置”页查看进度）`);
    console.log(banner([`Jiandu（监督）已启动：${url}`, `数据：${where}`, ...extra]));
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      // Stop accepting; in-flight requests finish. Keep-alive connections that fall idle meanwhile are
      // closed as soon as they do, so a browser's open connection does not hold the shutdown for a minute.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        schedule.stop();
        await backfill.stop();
        await housekeeping.stop();
        keeper.stop();
        await app.close();
        await stopJobs(); // running imports stop at their next chunk and can be resumed
      } finally {
        clearInterval(sweep);
      }
      await checkpoints.stop(); // the last checkpoint covers everything written before the stop
      await runtime.close();
    };
    return { runtime, url, stop };
  } catch (e) {
    await runtime.close();
    throw e;
  }
}

/** Runs until SIGINT/SIGTERM. The handlers are in place before the banner is printed. */
export async function runServer(config: Config = loadConfig(), opts: Parameters<typeof serve>[1] = {}): Promise<void> {
  let serving: Serving | null = null;
  let signalled: string | null = null;
  const stopNow = (sig: string) => {
    console.log(`收到 ${sig}，正在停止：等待进行中的请求完成……`);
    serving!.stop().then(() => {
      console.log('已停止，数据库已关闭。');
      process.exit(0);
    }, (e: unknown) => {
      console.error('停止时出错：', e);
      process.exit(1);
    });
  };
  const onSignal = (sig: string) => {
    if (signalled) return;
    signalled = sig;
    if (serving) stopNow(sig); // else: stopped as soon as it is up
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  serving = await serve(config, opts);
  if (signalled) stopNow(signalled);
}
