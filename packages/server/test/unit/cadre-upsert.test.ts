/** The server's half of the plan: the digests it gives the domain's `planCadreChange` (its rules: packages/domain/test/upsert-plan.test.ts). */
import { describe, expect, it } from 'vitest';
import { sm3 } from '../../src/crypto/sm.ts';
import { planCadre, type CadreState, type IncomingCadre } from '../../src/services/cadre-upsert.ts';
import { jpegBytes, validId } from './lrmx-fixtures.ts';

const ID = validId('33022619780315001');

function state(over: Partial<CadreState> = {}): CadreState {
  return {
    id: '00000000-0000-4000-8000-000000000001', version: 3, name: '林晓舟', orgId: 'o', orgName: '东平县委', regionCode: '519901',
    registry: { gender: '男', birth: '1978-03', ethnicity: '汉族', nativePlace: '浙江宁海', birthPlace: null, partyDate: '2001-06', workDate: null, educationFullTime: '大学 学士', educationInService: null, rank: '正处级' },
    hasId: true, idBidx: Buffer.from('aa', 'hex'), idMasked: '3302**********0019', record: null, family: [], photoSm3: null, ...over,
  };
}

const form = (fields: Record<string, string>, over: Partial<IncomingCadre> = {}): IncomingCadre => ({
  source: { format: 'lrmx', name: 'x.lrmx', sm3: null }, mode: 'replace', name: fields.XingMing ?? '林晓舟', idNumber: null,
  fields: { XingMing: '林晓舟', ...fields }, ...over,
});

describe('planCadre', () => {
  it('an ID whose blind index differs from the cadre’s is an error; the same one, or a cadre without one, is not', () => {
    expect(planCadre(form({}, { idNumber: ID }), state(), Buffer.from('bb', 'hex'))).toMatchObject({ status: 'error' });
    expect(planCadre(form({}, { idNumber: ID }), state(), Buffer.from('aa', 'hex'))).toMatchObject({ status: 'unchanged' });
    expect(planCadre(form({}, { idNumber: ID }), state({ hasId: false, idBidx: null, idMasked: null }), Buffer.from('bb', 'hex'))).toMatchObject({ status: 'update', setId: true });
  });

  it('the photo is compared by its SM3', () => {
    const photo = { bytes: jpegBytes(), mime: 'image/jpeg' };
    expect(planCadre(form({}, { photo }), state(), null).diff).toEqual([{ field: 'photo', label: '照片', before: '', after: '新增' }]);
    expect(planCadre(form({}, { photo }), state({ photoSm3: sm3(photo.bytes).toString('hex') }), null).status).toBe('unchanged');
    expect(planCadre(form({}, { photo }), state({ photoSm3: 'other' }), null).diff).toMatchObject([{ field: 'photo', after: '更换' }]);
  });
});
