/** Names, colours and tags of 预警: 红/黄/蓝, 新/已阅/已处置/已排除, the rule catalog. */
import { WARNING_STATUS_NAMES, type RuleCatalogItem, type WarningStatus, type WarningView } from '@jiandu/domain';
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { warningsApi } from '../../api/endpoints';
import { ruleKeys } from '../../api/queries/rules';

export type Colour = WarningView['colour'];

export const COLOUR_LABELS: Record<Colour, string> = { red: '红色预警', yellow: '黄色预警', blue: '蓝色预警' };
export const COLOUR_SHORT: Record<Colour, string> = { red: '红', yellow: '黄', blue: '蓝' };
/** antd tag presets: red / gold / blue. */
const COLOUR_TAGS: Record<Colour, string> = { red: 'red', yellow: 'gold', blue: 'blue' };
/** The same colours for charts and big numbers (antd red-6, gold-6, blue-6). */
export const COLOUR_HEX: Record<Colour, string> = { red: '#f5222d', yellow: '#faad14', blue: '#1677ff' };
export const COLOUR_ORDER: readonly Colour[] = ['red', 'yellow', 'blue'];

export function ColourTag({ colour }: { colour: Colour }) {
  return <Tag color={COLOUR_TAGS[colour]} style={{ marginInlineEnd: 0 }}>{COLOUR_SHORT[colour]}</Tag>;
}

const STATUS_TAGS: Record<WarningStatus, string> = { new: 'processing', read: 'default', handled: 'success', dismissed: 'default' };

export function WarningStatusTag({ status, active = true }: { status: WarningStatus; active?: boolean }) {
  return (
    <>
      <Tag color={STATUS_TAGS[status]} style={{ marginInlineEnd: 0 }}>{WARNING_STATUS_NAMES[status]}</Tag>
      {!active && <Tag bordered={false} style={{ marginInlineStart: 4, marginInlineEnd: 0 }} title="事实已不再触发此预警（保留历史，不再计数）">已失效</Tag>}
    </>
  );
}

export const VIEW_OPTIONS = [
  { value: 'open', label: '待处理' },
  { value: 'active', label: '全部有效' },
  { value: 'all', label: '全部（含已失效）' },
] as const;
export type WarningViewMode = (typeof VIEW_OPTIONS)[number]['value'];

/** The rule catalog (GET /api/rules/catalog), cached for the session. */
export function useRuleCatalog() {
  return useQuery<RuleCatalogItem[]>({ queryKey: ruleKeys.catalog, queryFn: warningsApi.catalog, staleTime: 10 * 60_000 });
}

/** The subject of a warning or an obligation: a cadre (its profile) or a team (its org page). */
export function SubjectLink({ row, linkCadre = true, teamAsRole = false }: {
  row: Pick<WarningView, 'cadreId' | 'cadreName' | 'teamId' | 'teamName' | 'orgId' | 'orgName'>;
  linkCadre?: boolean;
  /** Beside a 单位 column: a team reads 领导班子 (its full name in the tooltip). */
  teamAsRole?: boolean;
}) {
  const stop = (e: React.MouseEvent) => e.stopPropagation();
  if (row.cadreId) {
    return linkCadre ? <Link to={`/cadres/${row.cadreId}`} onClick={stop}>{row.cadreName}</Link> : <>{row.cadreName}</>;
  }
  if (row.teamId) return <Link to={`/orgs?id=${row.orgId}`} onClick={stop} title={row.teamName ?? ''}>{teamAsRole ? '领导班子' : row.teamName}</Link>;
  return <>{row.orgName}</>;
}
