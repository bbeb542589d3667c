/**
 * `jiandu warnings | eligibility | obligations`: the rules engine from the command line, for batch use and
 * for checking. Without --as-of they read what the server stored (warnings with their status); with
 * --as-of YYYY-MM-DD the rules run again with that day as today over the facts dated on or before it
 * (statuses are taken from the stored warnings by identity). JSON on stdout; audited as CLI actions.
 */
import { parseArgs } from 'node:util';
import {
  FULL_FIELD_POLICY,
  COLOUR_NAMES, OBLIGATION_NAMES, OBLIGATION_STATE_NAMES, WARNING_STATUS_NAMES, obligationState, parseIdNumber, ruleName,
  type ObligationFinding, type WarningFinding, type WarningStatus,
} from '@jiandu/domain';
import type { Config } from '../config.ts';
import type { Tx } from '../db/client.ts';
import type { Runtime } from '../runtime.ts';
import { recordAuditAlone } from '../repositories/audit.repository.ts';
import { activeObligations, activeWarnings, warningStatuses } from '../repositories/findings.repository.ts';
import { cadreIdByBlindIndex, cadreNames, someCadreNeverEvaluated, teamAndOrgNames } from '../repositories/supervision.repository.ts';
import { pgUuidArray } from '../repositories/warnings.repository.ts';
import { idAad } from '../services/cadres.service.ts';
import { todayOf } from '../context.ts';
import { ServiceError } from '../errors.ts';
import { computeEligibility } from '../services/supervision/eligibility.service.ts';
import { computeSubjects } from '../services/supervision/evaluate.ts';
import { drainJobs } from '../services/jobs.ts';
import { allBatches, latestJob, startFullEvaluation } from '../services/supervision/jobs.ts';
import { obligationIdentity, warningIdentity } from '../services/supervision/persist.ts';
import { loadRuleSettings } from '../services/supervision/settings.ts';
import { cliActor, withRuntime } from './runtime.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

function asOfOf(v: string | undefined, rt: Runtime): string {
  if (v === undefined) return todayOf(rt.clock);
  if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new ServiceError('invalid', `--as-of 应为 YYYY-MM-DD，收到“${v}”`);
  return v;
}

async function cadreByIdNumber(rt: Runtime, raw: string): Promise<string> {
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) throw new ServiceError('invalid', `身份证号有误：${parsed.message}`);
  const bidx = rt.crypto.blindIndex('id_number', parsed.value);
  const id = await rt.db.tx((tx) => cadreIdByBlindIndex(tx, bidx));
  if (!id) throw new ServiceError('invalid', `找不到身份证号为 ${raw} 的干部`);
  return id;
}

/** 身份证号 of cadres (decrypted; the CLI runs on the server, and the read is audited), names of teams and 组织部. */
async function subjectNames(tx: Tx, rt: Runtime, cadreIds: string[], orgLike: string[]): Promise<Map<string, { subject: string; name: string }>> {
  const m = new Map<string, { subject: string; name: string }>();
  if (cadreIds.length) {
    const cs = await cadreNames(tx, cadreIds);
    for (const c of cs) m.set(c.id, { subject: c.id_number_enc ? rt.crypto.decrypt(Buffer.from(c.id_number_enc), idAad(c.id)) : '', name: c.name });
  }
  if (orgLike.length) {
    const ts = await teamAndOrgNames(tx, orgLike);
    for (const t of ts) m.set(t.id, { subject: t.name, name: t.name });
  }
  return m;
}

/** Stored results are only as fresh as the last evaluation: say so when there has been none. */
async function warnIfNeverEvaluated(rt: Runtime): Promise<void> {
  if (await rt.db.tx((tx) => someCadreNeverEvaluated(tx))) process.stderr.write('提示：有干部尚未评估（服务启动时会自动评估，或运行 jiandu evaluate）；以下为已保存的结果。\n');
}

interface Computed { warnings: WarningFinding[]; obligations: ObligationFinding[] }

/** The rules over every subject (or one cadre) as of a day, a batch at a time as the full job walks them; nothing is written. */
async function computeAll(rt: Runtime, asOf: string, cadreId: string | null): Promise<Computed> {
  const out: Computed = { warnings: [], obligations: [] };
  const s = await rt.db.tx((tx) => loadRuleSettings(tx));
  const batches = cadreId ? [{ cadreIds: [cadreId] }] : allBatches(rt.db);
  for await (const set of batches) {
    const ev = await rt.db.tx((tx) => computeSubjects(tx, set, s, asOf));
    out.warnings.push(...ev.warnings.map((w) => w.f));
    out.obligations.push(...ev.obligations.map((o) => o.o));
  }
  return out;
}

export async function warningsCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { cadre: { type: 'string' }, open: { type: 'boolean', default: false }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } } });
  return withRuntime(config, async (rt) => {
    const asOf = asOfOf(values['as-of'], rt);
    const cadreId = values.cadre ? await cadreByIdNumber(rt, values.cadre) : null;
    type Item = { id: string | null; rule: string; colour: WarningFinding['colour']; subjectType: string; subjectId: string; status: WarningStatus; explanation: string; evidence: string[]; until: string | null };
    let items: Item[];
    if (values['as-of'] === undefined) {
      await warnIfNeverEvaluated(rt);
      const stored = await rt.db.tx((tx) => activeWarnings(tx, cadreId, values.open ?? false));
      items = stored.map((w) => ({ id: w.id, rule: w.rule, colour: w.colour, subjectType: w.subject_type, subjectId: (w.cadre_id ?? w.team_id)!, status: w.status, explanation: w.explanation, evidence: pgUuidArray(w.evidence), until: w.until }));
    } else {
      const computed = await computeAll(rt, asOf, cadreId);
      const statuses = new Map((await rt.db.tx((tx) => warningStatuses(tx))).map((r) => [r.identity, r]));
      items = computed.warnings.map((w) => {
        const st = statuses.get(warningIdentity(w));
        return { id: st?.id ?? null, rule: w.rule, colour: w.colour, subjectType: w.subjectType, subjectId: w.subjectId, status: st?.status ?? 'new', explanation: w.explanation, evidence: w.evidence, until: w.until };
      }).filter((w) => !values.open || w.status === 'new' || w.status === 'read');
    }
    const names = await rt.db.tx((tx) => subjectNames(tx, rt, [...new Set(items.filter((i) => i.subjectType === 'cadre').map((i) => i.subjectId))], [...new Set(items.filter((i) => i.subjectType !== 'cadre').map((i) => i.subjectId))]));
    const out = items.map((w) => ({
      rule: ruleName(w.rule), ruleCode: w.rule, colour: COLOUR_NAMES[w.colour], subjectType: w.subjectType === 'cadre' ? '干部' : '班子',
      subject: names.get(w.subjectId)?.subject ?? w.subjectId, subjectName: names.get(w.subjectId)?.name ?? null,
      status: WARNING_STATUS_NAMES[w.status], explanation: w.explanation, evidence: w.evidence, until: w.until, id: w.id,
    }));
    await recordAuditAlone(rt.db, cliActor('warnings'), { action: 'cli.warnings', objectType: cadreId ? 'cadre' : 'warning', objectId: cadreId, details: { asOf, open: values.open ?? false, returned: out.length } }, rt.clock);
    if (values.json) console.log(JSON.stringify(out, null, 2));
    else for (const w of out) console.log(`[${w.colour}] ${w.rule}  ${w.subjectName ?? w.subject}  ${w.status}  ${w.explanation}`);
    return 0;
  });
}

export async function eligibilityCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!positionals[0]) throw new ServiceError('invalid', '用法：jiandu eligibility 身份证号 [--as-of YYYY-MM-DD] [--json]');
  return withRuntime(config, async (rt) => {
    const asOf = asOfOf(values['as-of'], rt);
    const cadreId = await cadreByIdNumber(rt, positionals[0]!);
    const v = await rt.db.tx((tx) => computeEligibility(tx, rt.crypto, null, FULL_FIELD_POLICY, cadreId, asOf));
    await recordAuditAlone(rt.db, cliActor('eligibility'), { action: 'eligibility.read', objectType: 'cadre', objectId: cadreId, details: { asOf, result: v.result } }, rt.clock);
    const out = {
      result: v.result, asOf, cadre: v.cadre.name,
      reasons: v.reasons.map((r) => ({ rule: r.rule, verdict: r.verdict, explanation: r.explanation, until: r.until, evidence: r.evidence.map((e) => e.entryId) })),
      discounted: v.discounted.map((d) => ({ entryId: d.entryId, why: d.why })),
    };
    if (values.json) console.log(JSON.stringify(out, null, 2));
    else {
      console.log(`${v.cadre.name}（${asOf}）：${v.result}`);
      for (const r of out.reasons) console.log(`  [${r.verdict}] ${r.rule}：${r.explanation}${r.until ? `（至 ${r.until}）` : ''}`);
    }
    return 0;
  });
}

export async function obligationsCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { overdue: { type: 'boolean', default: false }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } } });
  return withRuntime(config, async (rt) => {
    const asOf = asOfOf(values['as-of'], rt);
    let list: ObligationFinding[];
    if (values['as-of'] === undefined) {
      await warnIfNeverEvaluated(rt);
      const stored = await rt.db.tx((tx) => activeObligations(tx));
      list = stored.map((o) => ({
        type: o.type, subjectType: o.subject_type, subjectId: (o.cadre_id ?? o.team_id ?? o.convener_id)!, key: o.identity.split('|').slice(3).join('|'),
        title: o.title, triggeredOn: o.triggered_on, dueOn: o.due_on, doneOn: o.done_on, doneBy: o.done_by, evidence: pgUuidArray(o.evidence),
      }));
    } else {
      list = (await computeAll(rt, asOf, null)).obligations.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || obligationIdentity(a).localeCompare(obligationIdentity(b)));
    }
    const chosen = list.filter((o) => !values.overdue || obligationState(o, asOf) === 'overdue');
    const names = await rt.db.tx((tx) => subjectNames(tx, rt, [...new Set(chosen.filter((o) => o.subjectType === 'cadre').map((o) => o.subjectId))], [...new Set(chosen.filter((o) => o.subjectType !== 'cadre').map((o) => o.subjectId))]));
    const out = chosen.map((o) => ({
      type: OBLIGATION_NAMES[o.type], typeCode: o.type, subjectType: o.subjectType === 'cadre' ? '干部' : o.subjectType === 'team' ? '班子' : '组织部',
      subject: names.get(o.subjectId)?.subject ?? o.subjectId, subjectName: names.get(o.subjectId)?.name ?? null,
      title: o.title, triggeredOn: o.triggeredOn, dueOn: o.dueOn, state: OBLIGATION_STATE_NAMES[obligationState(o, asOf)],
      doneOn: o.doneOn, doneBy: o.doneBy, evidence: o.evidence,
    }));
    await recordAuditAlone(rt.db, cliActor('obligations'), { action: 'cli.obligations', objectType: 'obligation', objectId: null, details: { asOf, overdue: values.overdue ?? false, returned: out.length } }, rt.clock);
    if (values.json) console.log(JSON.stringify(out, null, 2));
    else for (const o of out) console.log(`[${o.state}] ${o.type}  ${o.subjectName ?? o.subject}  期限 ${o.dueOn}  ${o.title}`);
    return 0;
  });
}

/** `jiandu evaluate`: the full re-evaluation, in this process, with progress on stderr (e.g. after a seed or a restore). */
export async function evaluateCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  return withRuntime(config, async (rt) => {
    const started = Date.now();
    const job = await startFullEvaluation(rt, cliActor('evaluate'), '命令行 jiandu evaluate');
    const timer = setInterval(() => {
      void rt.db.tx((tx) => latestJob(tx)).then((j) => j && process.stderr.write(`评估中 ${j.progress}/${j.total}\n`));
    }, 2000);
    try {
      await drainJobs();
    } finally {
      clearInterval(timer);
    }
    const done = await rt.db.tx((tx) => latestJob(tx));
    const summary = { status: done?.status ?? 'failed', subjects: done?.progress ?? 0, warningsChanged: done?.warningsChanged ?? 0, seconds: (Date.now() - started) / 1000, jobId: job.id };
    if (values.json) console.log(JSON.stringify(summary));
    else console.log(`评估${summary.status === 'done' ? '完成' : `未完成（${done?.error ?? ''}）`}：${summary.subjects} 个对象，预警变化 ${summary.warningsChanged} 条，用时 ${summary.seconds.toFixed(1)} 秒`);
    return summary.status === 'done' ? 0 : 1;
  });
}
