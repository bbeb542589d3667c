/**
 * 接口令牌 of department systems (系统管理员): created bound to one department, some of its kinds and a
 * jurisdiction; shown once; only SM3('api-token:' + token) is stored; revocable. Every change is audited.
 */
import crypto from 'node:crypto';
import { API_TOKEN_PATTERN, type ApiTokenCreateBody, type ApiTokenCreated, type ApiTokenView, type Permission } from '@jiandu/domain';
import type { Database } from '../db/client.ts';
import { sm3 } from '../crypto/sm.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import * as repo from '../repositories/api-tokens.repository.ts';
import { findOrgInScope } from '../repositories/orgs.repository.ts';
import { findDepartment } from '../repositories/users.repository.ts';
import { jurisdiction, type Actor, type Clock } from '../context.ts';
import { kindName } from './entry-check.ts';
import { ServiceError, notFound } from '../errors.ts';

export interface ApiTokensDeps {
  db: Database;
  clock: Clock;
}

export const apiTokenHash = (token: string): Buffer => sm3(`api-token:${token}`);

/** `jdt_` + 43 base64url characters of 32 random bytes. */
export function newApiToken(): string {
  return `jdt_${crypto.randomBytes(32).toString('base64url')}`;
}

const PREFIX_LENGTH = 12;

function view(r: repo.TokenListRow): ApiTokenView {
  return {
    id: r.id, name: r.name, departmentCode: r.departmentCode, departmentName: r.departmentName, kinds: r.kinds,
    scopeOrgId: r.scopeOrgId, scopeOrgName: r.scopeOrgName, prefix: r.prefix, createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null, revokedBy: r.revokedBy,
  };
}

export async function listApiTokens(deps: ApiTokensDeps): Promise<ApiTokenView[]> {
  return (await deps.db.tx((tx) => repo.listTokens(tx))).map(view);
}

const invalid = (path: string, message: string) => new ServiceError('invalid', message, 'invalid', [{ path, message }]);

export async function createApiToken(deps: ApiTokensDeps, actor: Actor, input: ApiTokenCreateBody): Promise<ApiTokenCreated> {
  const token = newApiToken();
  const kinds = [...new Set(input.kinds)];
  return deps.db.tx(async (tx) => {
    const dept = await findDepartment(tx, input.departmentCode);
    if (!dept) throw invalid('departmentCode', `成员单位“${input.departmentCode}”不存在`);
    const foreign = kinds.filter((k) => !dept.kinds.includes(k));
    if (foreign.length > 0) {
      throw invalid('kinds', `${dept.name}不报送以下类别：${foreign.map(kindName).join('、')}`);
    }
    const scope = await findOrgInScope(tx, input.scopeOrgId, null);
    if (!scope) throw invalid('scopeOrgId', '管辖范围所选组织不存在');
    if (await repo.activeTokenNamed(tx, input.name)) {
      throw new ServiceError('conflict', `已有名为“${input.name}”的有效令牌，请换一个名称或先吊销原令牌`, 'name_taken', [{ path: 'name', message: '名称已被使用' }]);
    }
    const at = deps.clock.now();
    const id = await repo.insertToken(tx, {
      name: input.name, departmentCode: dept.code, kinds, scopeOrgId: scope.id, tokenHash: apiTokenHash(token),
      prefix: token.slice(0, PREFIX_LENGTH), createdBy: actor.userId, createdAt: at,
    });
    await recordAudit(tx, actor, {
      action: 'api-token.create', objectType: 'api_token', objectId: id,
      details: { name: input.name, departmentCode: dept.code, kinds: kinds.join(','), scopeOrgId: scope.id },
    }, deps.clock);
    const row = (await repo.listTokens(tx)).find((r) => r.id === id)!;
    return { token, view: view(row) };
  });
}

export async function revokeApiToken(deps: ApiTokensDeps, actor: Actor, id: string): Promise<ApiTokenView> {
  return deps.db.tx(async (tx) => {
    const t = await repo.findToken(tx, id);
    if (!t) throw notFound('接口令牌');
    const at = deps.clock.now();
    if (!(await repo.revokeToken(tx, id, actor.userId, at))) throw new ServiceError('conflict', '该令牌已吊销', 'already_revoked');
    await recordAudit(tx, actor, { action: 'api-token.revoke', objectType: 'api_token', objectId: id, details: { name: t.name } }, deps.clock);
    return view((await repo.listTokens(tx)).find((r) => r.id === id)!);
  });
}

export interface ApiTokenAuth {
  tokenId: string;
  name: string;
  departmentCode: string;
  kinds: string[];
  actor: Actor;
}

const PUSH_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['entry:submit']);

/**
 * The department system behind a bearer token, or the reason it is refused (unknown, revoked, or its
 * jurisdiction no longer exists). A successful use is recorded at most once a minute.
 */
export async function resolveApiToken(
  deps: ApiTokensDeps, token: string, info: { clientIp: string | null; requestId: string | null },
): Promise<{ ok: true; auth: ApiTokenAuth } | { ok: false; tokenId: string | null; reason: string }> {
  if (!API_TOKEN_PATTERN.test(token)) return { ok: false, tokenId: null, reason: '令牌格式不正确' };
  const hash = apiTokenHash(token);
  return deps.db.tx(async (tx) => {
    const t = await repo.findTokenByHash(tx, hash);
    if (!t) return { ok: false as const, tokenId: null, reason: '未知令牌' };
    if (t.revokedAt) return { ok: false as const, tokenId: t.id, reason: '令牌已吊销' };
    if (!t.scopePath) return { ok: false as const, tokenId: t.id, reason: '令牌的管辖范围组织不存在' };
    const now = deps.clock.now();
    if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= 60_000) await repo.touchToken(tx, t.id, now);
    const actor: Actor = {
      userId: null,
      login: `api:${t.name}`,
      roles: [],
      permissions: new Set(PUSH_PERMISSIONS),
      scope: jurisdiction(t.scopeOrgId, t.scopePath, t.scopeLevel ?? ''),
      departmentCode: t.departmentCode,
      clientIp: info.clientIp,
      requestId: info.requestId,
    };
    return { ok: true as const, auth: { tokenId: t.id, name: t.name, departmentCode: t.departmentCode, kinds: t.kinds, actor } };
  });
}
