/** The 任免审批表 of a cadre as the profile shows it: field texts, 简历 periods, and (for who may) the family. */
import { currentTexts, fieldPolicyOf, parseResume, type CadreRecordView } from '@jiandu/domain';
import type { Database } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { FAMILY_FIELDS, PERSON_FIELDS } from '../../intake/lrmx/index.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import type { Actor, Clock } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { loadStates } from '../cadre-upsert.ts';

/** Shown in the profile's basic data already (registry columns), or bookkeeping of the editor. */
const HIDDEN = new Set([
  'ShenFenZheng', 'Version', 'JianLi', 'XingMing', 'XingBie', 'ChuShengNianYue', 'MinZu', 'JiGuan', 'ChuShengDi',
  'RuDangShiJian', 'CanJiaGongZuoShiJian', 'QuanRiZhiJiaoYu_XueLi', 'QuanRiZhiJiaoYu_XueWei', 'ZaiZhiJiaoYu_XueLi', 'ZaiZhiJiaoYu_XueWei',
]);

export async function getRecord(deps: { db: Database; clock: Clock; crypto: FieldCrypto }, actor: Actor, cadreId: string): Promise<CadreRecordView> {
  return deps.db.tx(async (tx) => {
    const state = (await loadStates(tx, deps.crypto, [cadreId], actor)).get(cadreId);
    if (!state) throw notFound('干部');
    const texts = currentTexts(state);
    const resumeText = texts.JianLi ?? '';
    const parsed = parseResume(resumeText);
    const mayReadFamily = fieldPolicyOf(actor).family;
    await recordAudit(tx, actor, {
      action: 'cadre.read-record', objectType: 'cadre', objectId: cadreId,
      details: { family: mayReadFamily ? state.family.length : 0 },
    }, deps.clock);
    return {
      fields: PERSON_FIELDS.filter((f) => !HIDDEN.has(f.element) && (texts[f.element] ?? '') !== '')
        .map((f) => ({ element: f.element, label: f.label, text: texts[f.element]! })),
      resumeText,
      resume: parsed.periods.map((p) => ({
        start: p.start, end: p.end, endKind: p.endKind, text: p.text, main: p.main, sub: p.sub.map((s) => s.raw),
      })),
      resumeUnparsed: parsed.unparsed.map((u) => u.text),
      familyCount: state.family.length,
      family: mayReadFamily
        ? state.family.map((m) => Object.fromEntries(FAMILY_FIELDS.map((f) => [f.label, (m as Record<string, string>)[f.element] ?? ''])))
        : null,
      source: state.record ? { format: state.record.sourceFormat, name: state.record.sourceName, updatedAt: state.record.updatedAt.toISOString() } : null,
    };
  });
}
