/** `jiandu` command: serve, demo, migrate, seed, user create, import (entries, lrmx, roster), warnings, eligibility, obligations, meeting agenda, audit verify. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, ROLE_NAMES, type Role } from '@jiandu/domain';
import { loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { describeAnyError } from './lib/faults.ts';
import { runServer } from './main.ts';
import { resolveOrgRef } from './cli/org-ref.ts';
import { cliActor, withRuntime } from './cli/runtime.ts';
import { recordAuditAlone } from './repositories/audit.repository.ts';
import { checkpointPath, verifyWithCheckpoints } from './services/audit-checkpoints.ts';
import { createUser } from './services/users.service.ts';
import { ServiceError } from './errors.ts';

const HELP = `用法：jiandu <命令> [选项]

  serve                       启动服务（默认）。首次启动创建系统管理员和安全管理员并打印一次性密码
  demo                        用演示数据目录（./data-demo）启动，首次自动生成虚构城市，并打印各角色登录
  migrate                     只执行数据库迁移
  seed --cadres N [--seed S] [--as-of YYYY-MM-DD] [--entries-per-cadre K]
                              生成 N 名干部规模的虚构数据（含每人约 K 条台账记录，默认 100；用于性能测试）
  user create --role ROLE --name LOGIN [--display 姓名] [--scope 组织ID或名称] [--department 代码] [--json]
                              创建账号并打印一次性密码（应急通道：不经审批，审计为 user.create.break-glass）。ROLE：${ROLES.map((r) => `${r}(${ROLE_NAMES[r]})`).join(' ')}
  import entries FILE [--kind 类别] [--source 来源单位] [--dry-run] [--strict] [--json] [--rejects 未导入行.xlsx]
                              从 Excel/CSV 导入台账记录（类别、来源单位可写中文名或代码）
  import lrmx PATH... [--org 单位] [--dry-run] [--json]
                              导入干部任免审批表（.lrmx、.lrm+.pic、文件夹或 .zip）；--org 为新干部的所在单位
  import roster FILE [--org 单位] [--tenures] [--dry-run] [--strict] [--json]
                              从 Excel/CSV 导入干部名册（花名册）；新干部的单位按“单位”列、现任职务中的单位、--org 依次确定；
                              --tenures 同时在该单位的领导班子中建立任职
  import orgs FILE [--dry-run] [--strict] [--json]
                              从 Excel/CSV 导入组织机构（单位名称、上级单位、单位类别、层级……，上下级顺序不限）
  warnings [--cadre 身份证号] [--open] [--as-of YYYY-MM-DD] [--json]
                              列出预警（规则、颜色、对象、状态、说明、证据记录）；--as-of 按该日重新计算
  eligibility 身份证号 [--as-of YYYY-MM-DD] [--json]
                              干部使用资格（可以使用 / 暂缓 / 不宜）及全部理由和证据
  obligations [--overdue] [--as-of YYYY-MM-DD] [--json]
                              待办义务（谈心谈话、一把手培训、调研全覆盖、联席会议）
  meeting agenda --convener 单位 [--since YYYY-MM-DD] [--as-of YYYY-MM-DD] [--json]
                              联席会议议题预览：召集单位（组织部）在 --as-of（默认今天）召开会议时生成的议题，
                              台账自 --since（默认上一次已召开会议的次日）起；只读，不保存
  evaluate [--json]           全量重新评估预警与待办（如导入、恢复数据后；服务运行时也会自动进行）
  audit verify                校验审计日志哈希链并与库外的签名检查点核对：完整打印 OK N；
                              记录被改动或删除打印 BROKEN 序号，末尾被截去打印 TRUNCATED 条数，并以非零状态退出
  audit checkpoint            立即写入一个签名检查点（服务运行时每 JIANDU_AUDIT_CHECKPOINT_MINUTES 分钟和停止时自动写入）

环境变量：DATABASE_URL、JIANDU_DATA_DIR、JIANDU_KEY_FILE、PORT、HOST（默认 127.0.0.1）`;

async function userCreate(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' }, name: { type: 'string' }, display: { type: 'string' },
      scope: { type: 'string' }, department: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  if (!values.role || !ROLES.includes(values.role as Role)) throw new ServiceError('invalid', `--role 必须是以下之一：${ROLES.join(', ')}`);
  if (!values.name) throw new ServiceError('invalid', '--name 必须给出登录名');
  return withRuntime(config, async (rt) => {
    let scopeOrgId: string | null = null;
    if (values.scope) scopeOrgId = await resolveOrgRef(rt.db, values.scope);
    const r = await createUser({ ...rt, pbkdf2Iterations: config.pbkdf2Iterations }, cliActor('user create'), {
      login: values.name!, displayName: values.display ?? values.name!, role: values.role as Role,
      scopeOrgId, departmentCode: values.department ?? null,
    });
    if (values.json) console.log(JSON.stringify({ login: r.login, password: r.password }));
    else console.log(`已创建账号 ${r.login}（${ROLE_NAMES[values.role as Role]}）\n一次性密码：${r.password}\n首次登录后必须修改密码。\n（应急通道：未经审批直接创建，已记入审计日志 user.create.break-glass）`);
    return 0;
  });
}

async function auditVerify(config: Config): Promise<number> {
  return withRuntime(config, async (rt) => {
    const r = await verifyWithCheckpoints(rt.db, checkpointPath(config), rt.auditSigner);
    await recordAuditAlone(rt.db, cliActor('audit verify'), {
      action: 'audit.verify', objectType: 'audit_log', result: r.ok ? 'success' : 'failure',
      reason: r.ok ? null : r.message, details: { checked: r.checked, brokenAt: r.brokenAt },
    }, rt.clock).catch(() => {});
    if (r.ok) {
      console.log(`OK ${r.checked}`);
      console.error(r.message);
      return 0;
    }
    // Rows cut off the end (seen only against a signed checkpoint) are TRUNCATED <how many>.
    console.log(r.cutOff ? `TRUNCATED ${r.cutOff}` : `BROKEN ${r.brokenAt ?? ''}`.trim());
    console.error(r.message);
    return 1;
  });
}

export async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  const config = loadConfig();
  let code = 0;
  // A fault outside any awaited call (a socket dying under an idle client, a stray rejection) still ends
  // in one Chinese line, never a stack or Node's 'Unhandled error event'.
  const fatal = (e: unknown) => {
    console.error(describeAnyError(e, config));
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  try {
    switch (command) {
      case 'serve':
        await runServer(config);
        return;
      case 'demo': {
        const { runDemo } = await import('./seed/demo.ts');
        await runDemo(loadConfig(process.env, { dataDir: path.resolve(process.env.JIANDU_DATA_DIR ?? 'data-demo') }));
        return;
      }
      case 'migrate':
        await withRuntime(config, async () => console.log('数据库迁移已完成'));
        break;
      case 'seed': {
        const { seedCommand } = await import('./seed/demo.ts');
        code = await seedCommand(rest, config);
        break;
      }
      case 'user':
        if (rest[0] !== 'create') throw new ServiceError('invalid', '用法：jiandu user create --role ROLE --name LOGIN');
        code = await userCreate(rest.slice(1), config);
        break;
      case 'import': {
        if (rest[0] === 'lrmx' || rest[0] === 'roster') {
          const cmd = await import('./cli/import-cadres.ts');
          code = await (rest[0] === 'lrmx' ? cmd.importLrmxCommand : cmd.importRosterCommand)(rest.slice(1), config);
          break;
        }
        if (rest[0] === 'orgs') {
          const { importOrgsCommand } = await import('./cli/import-orgs.ts');
          code = await importOrgsCommand(rest.slice(1), config);
          break;
        }
        if (rest[0] !== 'entries') {
          throw new ServiceError('invalid', '用法：jiandu import entries FILE [--kind 类别] [--source 来源单位] [--dry-run] [--strict] [--json]\n　　或：jiandu import lrmx PATH... [--org 单位] [--dry-run] [--json]\n　　或：jiandu import roster FILE [--org 单位] [--tenures] [--dry-run] [--strict] [--json]\n　　或：jiandu import orgs FILE [--dry-run] [--strict] [--json]');
        }
        const { importEntriesCommand } = await import('./cli/import-entries.ts');
        code = await importEntriesCommand(rest.slice(1), config);
        break;
      }
      case 'warnings': case 'eligibility': case 'obligations': case 'evaluate': {
        const cmd = await import('./cli/rules.ts');
        const run = { warnings: cmd.warningsCommand, eligibility: cmd.eligibilityCommand, obligations: cmd.obligationsCommand, evaluate: cmd.evaluateCommand }[command];
        code = await run(rest, config);
        break;
      }
      case 'meeting': {
        const { meetingCommand } = await import('./cli/meeting.ts');
        code = await meetingCommand(rest, config);
        break;
      }
      case 'audit':
        if (rest[0] === 'checkpoint') {
          await withRuntime(config, async () => console.log(`已写入签名检查点：${checkpointPath(config)}`));
          break;
        }
        if (rest[0] !== 'verify') throw new ServiceError('invalid', '用法：jiandu audit verify | jiandu audit checkpoint');
        code = await auditVerify(config);
        break;
      case 'help': case '--help': case '-h':
        console.log(HELP);
        break;
      default:
        console.error(`未知命令：${command}\n\n${HELP}`);
        code = 2;
    }
  } catch (e) {
    if (e instanceof DataDirLockedError || e instanceof ServiceError) console.error(`错误：${e.message}`);
    else console.error(describeAnyError(e, config));
    code = e instanceof ServiceError && e.kind === 'invalid' ? 2 : 1;
  }
  process.exitCode = code;
}
