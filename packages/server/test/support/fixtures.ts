/** A small city for tests: 市委 → two counties, each with a 乡镇; a few cadres with tenures. */
import { idNumberCheckChar } from '@jiandu/domain';
import { systemActor } from '../../src/context.ts';
import { createOrg, getTeam } from '../../src/services/orgs.service.ts';
import { addTenure, createCadre } from '../../src/services/cadres.service.ts';
import type { TestContext } from './app.ts';

export function makeIdNumber(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export interface SmallCity {
  city: string;
  countyA: string;
  countyB: string;
  townA: string;
  cadres: Record<string, { id: string; idNumber: string }>;
}

export async function makeSmallCity(ctx: TestContext): Promise<SmallCity> {
  const a = systemActor('fixture');
  const d = ctx.deps;
  const org = async (name: string, parentId: string | null, level: '市级' | '县级' | '乡级', type: any, regionCode: string) =>
    (await createOrg(d, a, { parentId, name, type, level, regionCode, withTeam: true })).id;
  const city = await org('青川市委', null, '市级', '党委', '519900');
  const countyA = await org('东平县委', city, '县级', '党委', '519901');
  const countyB = await org('西岭区委', city, '县级', '党委', '519902');
  const townA = await org('东平县石桥镇党委', countyA, '乡级', '乡镇', '519901');
  const people: Array<[string, string, string, string, boolean, string[], '男' | '女']> = [
    ['张三明', countyA, '19700315', '县委书记', true, ['全面工作'], '男'],
    ['李四海', countyA, '19750607', '县长', false, ['政府全面工作'], '男'],
    ['王五', countyB, '19800101', '区委书记', true, ['全面工作'], '男'],
    ['赵六', townA, '19851212', '镇党委书记', true, ['全面工作'], '女'],
    ['张珊', city, '19780909', '市委秘书长', false, ['办公室'], '女'],
  ];
  const cadres: SmallCity['cadres'] = {};
  let seq = 10;
  for (const [name, orgId, birth, title, principal, domains, gender] of people) {
    seq += 2;
    const idNumber = makeIdNumber('519901', birth, gender === '男' ? seq + 1 : seq);
    const { id } = await createCadre(d, a, { name, idNumber, orgId, status: '在职' });
    const team = await getTeam(d, a, orgId);
    await addTenure(d, a, id, { teamId: team!.id, title, isPrincipal: principal, domains, startDate: '2021-06-01' });
    cadres[name] = { id, idNumber };
  }
  return { city, countyA, countyB, townA, cadres };
}
