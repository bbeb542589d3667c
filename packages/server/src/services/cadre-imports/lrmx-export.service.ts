/**
 * A cadre as a 干部任免审批表 (.lrmx) for the editor, and the cadre's photo.
 *
 * The export writes the record's texts as imported (so importing the export changes nothing), the
 * 身份证号 and family decrypted for who may read them (field policy; empty otherwise), and the photo; for a cadre entered by hand (no record) the fields come
 * from the registry columns and 现任职务 from the current tenures. It reads sensitive fields: audited
 * in the same transaction as the read.
 */
import type { Database } from '../../db/client.ts';
import type { FieldCrypto } from '../../crypto/keys.ts';
import { sm3 } from '../../crypto/sm.ts';
import { currentTexts, fieldPolicyOf, normalizeDate, toCompactDate } from '@jiandu/domain';
import { PERSON_FIELDS, normalizeTexts, photoFromBytes, sniffImage, writeLrmx, type LrmxTexts } from '../../intake/lrmx/index.ts';
import { recordAudit } from '../../repositories/audit.repository.ts';
import * as recs from '../../repositories/cadre-records.repository.ts';
import * as cadres from '../../repositories/cadres.repository.ts';
import { todayOf, type Actor, type Clock } from '../../context.ts';
import { ServiceError, notFound } from '../../errors.ts';
import { loadStates } from '../cadre-upsert.ts';
import { openPhoto, sealPhoto } from '../cadre-photos.ts';
import { scanUploadAudited, type ScanConfig } from '../virus-scan.ts';
import { idAad } from '../cadres.service.ts';

export interface ExportDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  config?: Partial<ScanConfig>;
}

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

const compact = (text: string | undefined, format: 'YYYYMM' | 'YYYYMMDD'): string | undefined => {
  if (!text || !/^[0-9０-９]/u.test(text)) return text;
  const r = normalizeDate(text);
  return r.ok ? toCompactDate(r.value, format) : text;
};

/** Dates as the editor writes them (`YYYYMM`, `YYYYMMDD` for 计算年龄时间/填表时间), whatever form they were imported in. */
export function editorDates(t: LrmxTexts): LrmxTexts {
  const person = { ...t.person };
  for (const f of PERSON_FIELDS) {
    if (f.kind === 'date' || f.kind === 'party') person[f.element] = compact(person[f.element], 'YYYYMM')!;
    else if (f.kind === 'day') person[f.element] = compact(person[f.element], 'YYYYMMDD')!;
  }
  for (const k of Object.keys(person)) if (person[k] === undefined) delete person[k];
  return { person, family: t.family.map((m) => ({ ...m, ChuShengRiQi: compact(m.ChuShengRiQi, 'YYYYMM') ?? '' })) };
}

export async function exportLrmx(deps: ExportDeps, actor: Actor, cadreId: string): Promise<{ fileName: string; data: Buffer }> {
  return deps.db.tx(async (tx) => {
    const state = (await loadStates(tx, deps.crypto, [cadreId], actor)).get(cadreId);
    if (!state) throw notFound('干部');
    const found = (await cadres.findCadreInScope(tx, cadreId, actor.scope))!;
    const texts = currentTexts(state);
    if (!state.record) {
      const current = (await cadres.tenuresOf(tx, cadreId, todayOf(deps.clock))).filter((t) => t.endDate === null);
      if (current.length > 0) texts.XianRenZhiWu = current.map((t) => `${t.orgName}${t.title}`).join('、');
    }
    // Field policy, as on the profile: the full 身份证号 and the family only with cadre:sensitive. Without it the
    // form leaves 身份证号 empty (not masked: a masked number is no valid ID) and the family table empty; both are
    // what the importer keeps unchanged, so importing such an export never blanks them.
    const policy = fieldPolicyOf(actor);
    const enc = found.cadre.idNumberEnc;
    if (enc && policy.idNumber) texts.ShenFenZheng = deps.crypto.decrypt(enc, idAad(cadreId));
    const family = policy.family ? state.family : [];
    const photo = await recs.findPhoto(tx, cadreId);
    const n = normalizeTexts(editorDates({ person: texts, family }));
    const p = photo ? photoFromBytes(openPhoto(deps.crypto, cadreId, photo.data, photo.sm3)) : null;
    const data = writeLrmx({ person: n.person, family: n.family, photo: p?.ok ? p.photo : null });
    await recordAudit(tx, actor, {
      action: 'cadre.export-lrmx', objectType: 'cadre', objectId: cadreId,
      details: {
        record: state.record !== null, idNumber: Boolean(enc) && policy.idNumber, family: family.length,
        familyWithheld: state.family.length - family.length, photo: photo !== null, bytes: data.length,
      },
    }, deps.clock);
    return { fileName: `${state.name}.lrmx`, data };
  });
}

export async function getPhoto(deps: ExportDeps, actor: Actor, cadreId: string): Promise<{ mime: string; data: Buffer; sm3: string }> {
  return deps.db.tx(async (tx) => {
    if (!(await cadres.findCadreInScope(tx, cadreId, actor.scope))) throw notFound('干部');
    const p = await recs.findPhoto(tx, cadreId);
    if (!p) throw notFound('照片');
    return { mime: p.mime, sm3: p.sm3, data: openPhoto(deps.crypto, cadreId, p.data, p.sm3) };
  });
}

/** Replaces the photo: JPEG or PNG by their bytes, at most 2 MB. */
export async function setPhoto(deps: ExportDeps, actor: Actor, cadreId: string, data: Buffer): Promise<{ sm3: string; mime: string }> {
  if (data.length === 0) throw new ServiceError('invalid', '照片是空文件');
  if (data.length > MAX_PHOTO_BYTES) throw new ServiceError('invalid', '照片不能超过 2 MB');
  const type = sniffImage(data);
  if (type !== 'jpeg' && type !== 'png') throw new ServiceError('invalid', '照片只能是 JPG 或 PNG 图片');
  const mime = type === 'jpeg' ? 'image/jpeg' : 'image/png';
  const digest = sm3(data).toString('hex');
  await scanUploadAudited(deps, actor, { objectType: 'cadre', objectId: cadreId, fileName: 'photo', bytes: data.length }, data);
  const sealed = sealPhoto(deps.crypto, cadreId, data);
  return deps.db.tx(async (tx) => {
    const found = await cadres.findCadreInScope(tx, cadreId, actor.scope);
    if (!found) throw notFound('干部');
    const had = await recs.hasPhoto(tx, cadreId);
    await recs.upsertPhoto(tx, { cadreId, mime, data: sealed, sm3: digest, updatedAt: deps.clock.now() });
    await recs.updateCadreIfVersion(tx, cadreId, found.cadre.version, {}, deps.clock.now());
    await recordAudit(tx, actor, { action: 'cadre.photo-update', objectType: 'cadre', objectId: cadreId, details: { replaced: had, bytes: data.length, mime } }, deps.clock);
    return { sm3: digest, mime };
  });
}
