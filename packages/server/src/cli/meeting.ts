/**
 * `jiandu meeting agenda --convener 单位 [--since YYYY-MM-DD] [--as-of YYYY-MM-DD] [--json]` (issue 13 point 9):
 * the agenda a meeting of the convener held on --as-of (default today) would get, by the same compile as the
 * server's, for entries accepted since --since (default: the day after the convener's previous meeting held).
 * Writes nothing but its audit row. 身份证号 in clear: the command runs on the server, and the read is audited.
 */
import { parseArgs } from 'node:util';
import type { AgendaCliOutput } from '@jiandu/domain';
import type { Config } from '../config.ts';
import { recordAuditAlone } from '../repositories/audit.repository.ts';
import { listConveners } from '../repositories/meetings.repository.ts';
import { idAad } from '../services/cadres.service.ts';
import { compileFor, sinceFor } from '../services/meetings/compile.ts';
import { todayOf } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { resolveOrgRef } from './org-ref.ts';
import { cliActor, withRuntime } from './runtime.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/u;
const USAGE = '用法：jiandu meeting agenda --convener 单位 [--since YYYY-MM-DD] [--as-of YYYY-MM-DD] [--json]';

function dayOption(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new ServiceError('invalid', `--${name} 应为 YYYY-MM-DD，收到“${v}”`);
  return v;
}

export async function meetingCommand(args: string[], config: Config): Promise<number> {
  if (args[0] !== 'agenda') throw new ServiceError('invalid', USAGE);
  const { values } = parseArgs({
    args: args.slice(1),
    options: { convener: { type: 'string' }, since: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.convener) throw new ServiceError('invalid', `请用 --convener 指定召集单位（组织部名称或ID）\n${USAGE}`);
  const sinceArg = dayOption('since', values.since);
  const asOfArg = dayOption('as-of', values['as-of']);
  return withRuntime(config, async (rt) => {
    // An unknown or ambiguous unit, or one that convenes nothing: a Chinese message and exit code 1.
    const convenerId = await resolveOrgRef(rt.db, values.convener!).catch((e: unknown) => {
      throw e instanceof ServiceError ? new ServiceError('not_found', e.message) : e;
    });
    const convener = (await rt.db.tx((tx) => listConveners(tx, null))).find((c) => c.id === convenerId);
    if (!convener) throw new ServiceError('not_found', `“${values.convener}”不是联席会议的召集单位（没有单位的干部管理权限属于它）`);
    const until = asOfArg ?? todayOf(rt.clock);
    const { since, subjects, names } = await rt.db.tx(async (tx) => {
      const s = sinceArg ?? await sinceFor(tx, convener.id, until);
      return { since: s, ...(await compileFor(tx, convener.id, s, until, until)) };
    });
    if (since > until) throw new ServiceError('invalid', `--since（${since}）不能晚于 --as-of（${until}）`);
    const out: AgendaCliOutput = {
      convener: convener.name, since, until,
      subjects: subjects.map((s) => {
        const n = names.get(s.key)!;
        const idNumber = s.subjectType === 'cadre' && n.idNumberEnc ? rt.crypto.decrypt(n.idNumberEnc, idAad(s.cadreId!)) : undefined;
        return {
          type: s.subjectType, name: n.name, ...(idNumber !== undefined ? { idNumber } : {}), org: n.orgName,
          entries: s.content.entries.map((e) => ({ id: e.id, kind: e.kind, date: e.date })),
          warnings: s.content.warnings.map((w) => ({ rule: w.rule, colour: w.colour })),
          proposedBy: s.content.proposals.map((p) => p.departmentName ?? p.byLogin ?? '组织部'),
        };
      }),
    };
    await recordAuditAlone(rt.db, cliActor('meeting agenda'), {
      action: 'cli.meeting-agenda', objectType: 'org', objectId: convener.id, details: { since, until, subjects: out.subjects.length },
    }, rt.clock);
    if (values.json) console.log(JSON.stringify(out, null, 2));
    else {
      console.log(`${convener.name}联席会议议题（${since} 至 ${until}）：${out.subjects.length}个`);
      for (const s of out.subjects) {
        console.log(`  ${s.type === 'cadre' ? '干部' : '班子'} ${s.name}（${s.org}）  台账${s.entries.length}条  预警${s.warnings.length}条${s.proposedBy.length ? `  提请：${s.proposedBy.join('、')}` : ''}`);
      }
    }
    return 0;
  });
}
