/**
 * Creating or updating a cadre from imported facts (a 干部任免审批表 file, a 干部名册 row):
 *
 *   matchCadres  → by the blind index of the 身份证号; else exact name + birth month; else new — within the
 *                  actor's jurisdiction. An ID held by a cadre outside it is an error (never updated);
 *                  several cadres with the same name and birth month are an error asking for the 身份证号.
 *   loadStates   → the matched cadres as they are (record, family decrypted, photo digest).
 *   planCadre    → the domain's `planCadreChange` (cadres/upsert-plan.ts, pure: the texts after the import
 *                  field by field, the registry columns to set, or `unchanged`; its rules are there), given
 *                  the digests it cannot compute (blind index of the 身份证号, SM3 of the photo).
 *   applyCadre   → writes one plan in the caller's transaction: the cadre row (version + 1, registry columns
 *                  kept in sync), `cadre_record`, the family SM4-encrypted, the photo, one audit row with
 *                  the changed field names only. Unchanged → nothing is written.
 */
import crypto from 'node:crypto';
import {
  birthOf, maskIdNumber, parseResume, planCadreChange, type CadrePlan, type CadreTexts, type FamilyTexts, type IncomingTexts,
} from '@jiandu/domain';
import type { Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { sm3 } from '../crypto/sm.ts';
import { FAMILY_FIELDS, PERSON_FIELDS, type LrmxParseResult } from '../intake/lrmx/index.ts';
import { nameKeys } from '../lib/pinyin.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as recs from '../repositories/cadre-records.repository.ts';
import { insertCadre } from '../repositories/cadres.repository.ts';
import type { Actor, Clock } from '../context.ts';
import { cadreRow, idAad } from './cadres.service.ts';
import { sealPhoto } from './cadre-photos.ts';

export interface UpsertDeps {
  clock: Clock;
  crypto: FieldCrypto;
}

export type SourceFormat = 'lrmx' | 'lrm' | 'roster';

/** Normalized facts about one cadre from one source: the texts the plan reads (`IncomingTexts`), and more. */
export interface IncomingCadre extends IncomingTexts {
  source: { format: SourceFormat; name: string | null; sm3: string | null };
  unknown?: unknown[];
  /** Absent: the source carries no photo (the cadre's is kept). */
  photo?: { bytes: Buffer; mime: string };
}

/** A cadre as it is: what the plan reads (`CadreTexts`), and more. */
export interface CadreState extends CadreTexts {
  orgId: string;
  orgName: string;
  regionCode: string;
  idBidx: Buffer | null;
  idMasked: string | null;
  record: recs.RecordRow | null;
}

export const familyAad = (cadreId: string) => `cadre:${cadreId}:family`;

/** What importing `incoming` onto `state` (null: a new cadre) would change (`planCadreChange`, with the digests it needs). */
export function planCadre(incoming: IncomingCadre, state: CadreState | null, bidxOfIncoming: Buffer | null): CadrePlan {
  return planCadreChange(incoming, state, {
    idDiffers: !!(state?.idBidx && bidxOfIncoming && !state.idBidx.equals(bidxOfIncoming)),
    photoSm3: incoming.photo ? sm3(incoming.photo.bytes).toString('hex') : null,
  });
}

// ── matching ─────────────────────────────────────────────────────────────────

export interface MatchResult {
  match: 'id' | 'name_birth' | 'none';
  cadreId: string | null;
  error: string | null;
  warnings: string[];
}

export function bidxOf(box: FieldCrypto, idNumber: string | null): Buffer | null {
  return idNumber ? box.blindIndex('id_number', idNumber) : null;
}

/** Matches a batch of incoming facts with three queries at most. */
export async function matchCadres(tx: Tx, box: FieldCrypto, actor: Actor, list: Array<Pick<IncomingCadre, 'name' | 'idNumber' | 'fields'>>): Promise<MatchResult[]> {
  const bidx = list.map((x) => bidxOf(box, x.idNumber));
  const byId = await recs.cadresByBidx(tx, bidx.filter((b): b is Buffer => b !== null), actor.scope);
  const pending: number[] = [];
  const out: MatchResult[] = list.map((x, i) => {
    const b = bidx[i];
    const hit = b ? byId.get(b.toString('hex')) : undefined;
    if (hit && !hit.inScope) {
      return { match: 'id', cadreId: null, error: '系统中已有此身份证号的干部，但不在您的管辖范围内，不能导入或修改', warnings: [] };
    }
    if (hit) return { match: 'id', cadreId: hit.id, error: null, warnings: [] };
    pending.push(i);
    return { match: 'none', cadreId: null, error: null, warnings: [] };
  });
  const pairs = pending.filter((i) => list[i]!.name !== '').map((i): [string, string | null] => [list[i]!.name, birthOf(list[i]!)]);
  const byName = await recs.cadresByNameBirth(tx, pairs, actor.scope);
  for (const i of pending) {
    const x = list[i]!;
    if (x.name === '') continue;
    const birth = birthOf(x);
    const found = byName.get(`${x.name}|${birth ?? ''}`) ?? [];
    const r = out[i]!;
    if (birth === null) {
      if (found.length > 0) r.error = `系统中已有${found.length}名名为“${x.name}”的干部，这里没有身份证号和出生年月，无法确定是否同一人：请补充身份证号或出生年月`;
      continue;
    }
    // With a 身份证号, a namesake who has a different one is somebody else.
    const usable = x.idNumber ? found.filter((c) => !c.hasId) : found;
    if (x.idNumber && usable.length < found.length) {
      r.warnings.push(`系统中有同名、出生年月相同的干部，但身份证号不同，按另一名干部处理`);
    }
    if (usable.length === 1) {
      r.match = 'name_birth';
      r.cadreId = usable[0]!.id;
    } else if (usable.length > 1) {
      r.error = `系统中有${usable.length}名姓名为“${x.name}”、出生年月为${birth}的干部，无法确定是哪一名：请在文件中填写身份证号`;
    }
  }
  return out;
}

/** The states of matched cadres, family decrypted. */
export async function loadStates(tx: Tx, box: FieldCrypto, ids: string[], actor: Actor): Promise<Map<string, CadreState>> {
  const found = await recs.statesOf(tx, [...new Set(ids)], actor.scope);
  const out = new Map<string, CadreState>();
  for (const [id, s] of found) {
    const c = s.cadre;
    const family = s.record?.familyEnc ? (JSON.parse(box.decrypt(s.record.familyEnc, familyAad(id))) as FamilyTexts[]) : [];
    out.set(id, {
      id, version: c.version, name: c.name, orgId: c.orgId, orgName: s.orgName, regionCode: c.regionCode,
      registry: {
        gender: c.gender, birth: c.birth, ethnicity: c.ethnicity, nativePlace: c.nativePlace, birthPlace: c.birthPlace, partyDate: c.partyDate,
        workDate: c.workDate, educationFullTime: c.educationFullTime, educationInService: c.educationInService, rank: c.rank,
      },
      hasId: c.idNumberBidx !== null, idBidx: c.idNumberBidx ? Buffer.from(c.idNumberBidx) : null, idMasked: c.idNumberMasked,
      record: s.record, family, photoSm3: s.photoSm3,
    });
  }
  return out;
}

// ── applying ─────────────────────────────────────────────────────────────────

export class ApplyConflict extends Error {}

/**
 * Writes a plan (create or update) in the caller's transaction. An update whose cadre changed since
 * `plan.version` throws `ApplyConflict` before anything is written for it.
 */
export async function applyCadre(
  tx: Tx, deps: UpsertDeps, actor: Actor, incoming: IncomingCadre, plan: CadrePlan, state: CadreState | null, ref: { importId?: string; newId?: string } = {},
): Promise<{ cadreId: string } | null> {
  if (plan.status !== 'create' && plan.status !== 'update') return null;
  const at = deps.clock.now();
  let id: string;
  if (plan.status === 'create') {
    const o = incoming.org!;
    const r = plan.registryPatch;
    id = ref.newId ?? crypto.randomUUID();
    const row = cadreRow(deps.crypto, {
      name: plan.name, idNumber: incoming.idNumber ?? undefined, gender: r.gender as '男' | '女' | undefined, birth: r.birth, ethnicity: r.ethnicity,
      nativePlace: r.nativePlace, partyDate: r.partyDate, workDate: r.workDate, educationFullTime: r.educationFullTime,
      educationInService: r.educationInService, rank: r.rank, status: '在职', orgId: o.id,
    }, o.regionCode, id);
    row.birthPlace = r.birthPlace ?? null;
    await insertCadre(tx, row);
  } else {
    id = state!.id;
    const patch: Record<string, unknown> = { ...plan.registryPatch };
    if (plan.nameChange) {
      const k = nameKeys(plan.nameChange);
      Object.assign(patch, { name: plan.nameChange, namePinyin: k.key, nameInitials: k.initials });
    }
    if (plan.setId && incoming.idNumber) {
      Object.assign(patch, {
        idNumberEnc: deps.crypto.encrypt(incoming.idNumber, idAad(id)), idNumberBidx: deps.crypto.blindIndex('id_number', incoming.idNumber),
        idNumberMasked: maskIdNumber(incoming.idNumber),
      });
    }
    if (!(await recs.updateCadreIfVersion(tx, id, plan.version!, patch, at))) {
      throw new ApplyConflict('预览之后该干部的信息已被修改，请重新预览后再导入');
    }
  }

  const after = plan.after;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(after)) if (k !== 'JianLi' && k !== 'ShenFenZheng' && v !== '') fields[k] = v;
  const family = plan.family ?? state?.family ?? [];
  const resumeText = after.JianLi ?? '';
  await recs.upsertRecord(tx, {
    cadreId: id, fields, resumeText: resumeText || null, resume: resumeText ? parseResume(resumeText) : null,
    familyEnc: family.length > 0 ? deps.crypto.encrypt(JSON.stringify(family), familyAad(id)) : null, familyCount: family.length,
    unknown: incoming.mode === 'replace' ? incoming.unknown ?? [] : (state?.record?.unknown ?? []),
    sourceFormat: incoming.source.format, sourceName: incoming.source.name, sourceSm3: incoming.source.sm3, updatedBy: actor.userId, updatedAt: at,
  });
  if (plan.photoChanged && incoming.photo) {
    await recs.upsertPhoto(tx, {
      cadreId: id, mime: incoming.photo.mime, data: sealPhoto(deps.crypto, id, incoming.photo.bytes), sm3: sm3(incoming.photo.bytes).toString('hex'), updatedAt: at,
    });
  }
  const changed = [...new Set(plan.diff.map((d) => d.label))];
  await recordAudit(tx, actor, {
    action: plan.status === 'create' ? 'cadre.import-create' : 'cadre.import-update', objectType: 'cadre', objectId: id,
    details: { source: incoming.source.format, importId: ref.importId ?? null, fields: changed.join('、').slice(0, 480), count: changed.length },
  }, deps.clock);
  return { cadreId: id };
}

// ── sources ──────────────────────────────────────────────────────────────────

/** A parsed 任免审批表 → incoming facts. */
export function incomingFromLrmx(parsed: LrmxParseResult, source: { name: string; sm3: string }): IncomingCadre {
  const fields: Record<string, string> = {};
  for (const f of PERSON_FIELDS) if (f.kind !== 'id') fields[f.element] = parsed.person[f.key].text;
  return {
    source: { format: parsed.format, name: source.name, sm3: source.sm3 },
    mode: 'replace',
    name: parsed.person.name.value,
    idNumber: parsed.person.idNumber.value,
    fields,
    unknown: parsed.unknown,
    family: parsed.family.map((m) => Object.fromEntries(FAMILY_FIELDS.map((f) => [f.element, m[f.key].text]))),
    ...(parsed.photo ? { photo: { bytes: parsed.photo.bytes, mime: parsed.photo.mime } } : {}),
  };
}
