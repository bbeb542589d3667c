// Placeholder until the demo-city generator lands (see seed/README in the commit that adds it).
import type { Config } from '../config.ts';
export async function runDemo(_config: Config): Promise<void> {
  throw new Error('演示数据生成器尚未实现');
}
export async function seedCommand(_args: string[], _config: Config): Promise<number> {
  throw new Error('演示数据生成器尚未实现');
}
