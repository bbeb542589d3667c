import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expandUpload } from '../../src/services/cadre-imports/files.ts';
import { ServiceError } from '../../src/errors.ts';
import { storedZip } from '../../src/cli/import-cadres.ts';
import { gbkEncode, jpegBytes } from './lrmx-fixtures.ts';

/** A stored zip whose names are raw bytes without the UTF-8 flag, as Chinese Windows writes them. */
function legacyZip(entries: Array<{ name: Buffer; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(e.name.length, 26);
    parts.push(local, e.name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.data.length, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const refusal = async (name: string, data: Buffer) => {
  try {
    await expandUpload(name, data);
  } catch (e) {
    expect(e).toBeInstanceOf(ServiceError);
    return (e as ServiceError).message;
  }
  throw new Error('not refused');
};

describe('expandUpload', () => {
  it('a zip: nested folders, .lrm paired with its .pic (any case), stray files reported, macOS litter ignored', async () => {
    const r = await expandUpload('batch.zip', storedZip([
      { name: '县委/林晓舟.lrmx', data: Buffer.from('<Person/>') },
      { name: '乡镇/吴二.LRM', data: Buffer.from('"x"') },
      { name: '乡镇/吴二.pic', data: jpegBytes() },
      { name: '乡镇/孤照.pic', data: jpegBytes() },
      { name: '说明.docx', data: Buffer.from('x') },
      { name: '__MACOSX/县委/._林晓舟.lrmx', data: Buffer.from('x') },
      { name: '县委/', data: Buffer.alloc(0) },
    ]));
    expect(r.forms.map((f) => [f.file, f.format, f.pic !== null])).toEqual([['县委/林晓舟.lrmx', 'lrmx', false], ['乡镇/吴二.LRM', 'lrm', true]]); // by pinyin
    expect(r.skipped.map((s) => s.file).sort()).toEqual(['乡镇/孤照.pic', '说明.docx'].sort());
  });

  it('GBK entry names of zips made on Chinese Windows read as Chinese', async () => {
    const r = await expandUpload('x.zip', legacyZip([{ name: gbkEncode('干部/张三.lrmx'), data: Buffer.from('<Person/>') }]));
    expect(r.forms[0]!.file).toBe('干部/张三.lrmx');
  });

  it('refuses ../, absolute and drive paths (the whole zip), an empty zip, a lone .pic, other types', async () => {
    for (const name of ['../x.lrmx', 'a/../../x.lrmx', '/etc/x.lrmx', 'C:/x.lrmx']) {
      expect(await refusal('x.zip', storedZip([{ name, data: Buffer.from('<Person/>') }]))).toContain('内部路径');
    }
    expect(await refusal('x.zip', storedZip([{ name: 'a.txt', data: Buffer.from('x') }]))).toContain('没有 .lrmx');
    expect(await refusal('x.pic', jpegBytes())).toContain('.zip');
    expect(await refusal('x.xlsx', Buffer.from('x'))).toContain('不支持');
    expect(await refusal('x.zip', Buffer.from('PK\u0003\u0004broken'))).toContain('压缩包');
  });

  it('a single file; one too big is an error of that file, not of the upload', async () => {
    expect((await expandUpload('林.lrmx', Buffer.from('<Person/>'))).forms).toMatchObject([{ file: '林.lrmx', format: 'lrmx', error: null }]);
    const lrm = await expandUpload('林.lrm', Buffer.from('"x"'));
    expect(lrm.forms[0]!.warnings[0]).toContain('.pic');
    const big = await expandUpload('x.zip', storedZip([{ name: 'big.lrmx', data: Buffer.alloc(6 * 1024 * 1024, 0x20) }, { name: 'ok.lrmx', data: Buffer.from('<Person/>') }]));
    expect(big.forms.map((f) => [f.file, f.error !== null])).toEqual([['big.lrmx', true], ['ok.lrmx', false]]);
  });
});
