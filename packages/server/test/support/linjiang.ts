/**
 * The fictional 临江县 of examples/花名册-临江县.csv (and examples/orgs-临江县.csv), under 江州市委, with a second
 * county 石溪县 (a 县委 and a 财政局) so that a form without its place can name two units.
 */
import path from 'node:path';
import type { OrgCreateBody } from '@jiandu/domain';
import type { Database } from '../../src/db/client.ts';
import { systemActor, type Clock } from '../../src/context.ts';
import { createOrg } from '../../src/services/orgs.service.ts';

export const ROSTER_EXAMPLE = path.resolve(import.meta.dirname, '../../../../examples/花名册-临江县.csv');

export type Linjiang = Record<string, string> & { city: string; county: string; shixi: string };

/** Creates the registry; returns unit ids by name (`city`, `county` = 中共临江县委员会, `shixi` = 中共石溪县委员会). */
export async function makeLinjiang(deps: { db: Database; clock: Clock }): Promise<Linjiang> {
  const a = systemActor('fixture');
  const ids: Record<string, string> = {};
  const org = async (name: string, parent: string | null, type: OrgCreateBody['type'], more: Partial<OrgCreateBody> = {}) => {
    const level = parent === null ? '市级' : type === '乡镇' || type === '街道' ? '乡级' : '县级';
    ids[name] = (await createOrg(deps as never, a, { parentId: parent ? ids[parent]! : null, name, type, level, regionCode: parent ? '519921' : '519900', withTeam: true, ...more })).id;
  };
  await org('中共江州市委员会', null, '党委', { shortName: '江州市委' });
  await org('中共临江县委员会', '中共江州市委员会', '党委', { shortName: '临江县委' });
  const county = '中共临江县委员会';
  await org('临江县人民政府', county, '政府');
  await org('临江县人大常委会', county, '人大');
  await org('临江县政协', county, '政协');
  await org('临江县纪委监委', county, '纪委监委');
  await org('中共临江县委办公室', county, '党委部门');
  await org('中共临江县委组织部', county, '党委部门', { shortName: '临江县委组织部' });
  await org('中共临江县委宣传部', county, '党委部门');
  await org('临江县发展和改革局', county, '政府部门');
  await org('临江县财政局', county, '政府部门');
  await org('临江县教育局', county, '政府部门');
  await org('临江县公安局', county, '政府部门');
  await org('城关镇', county, '乡镇');
  await org('河西镇', county, '乡镇');
  await org('东城街道', county, '街道');
  await org('中共石溪县委员会', '中共江州市委员会', '党委', { shortName: '石溪县委', regionCode: '519922' });
  await org('石溪县财政局', '中共石溪县委员会', '政府部门', { regionCode: '519922' });
  return { ...ids, city: ids['中共江州市委员会']!, county: ids[county]!, shixi: ids['中共石溪县委员会']! } as Linjiang;
}
