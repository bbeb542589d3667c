/**
 * 单位 + 职务 as one phrase (任前廉政意见, 档案): 临江区委 + 区委书记 → 临江区委书记, never 临江区委临江区委区委书记.
 * The post is kept as it is when it already starts with the unit's name; a short name it starts with gives
 * way to the full name (市委书记 of 青川市委, short 市委 → 青川市委书记); when the unit's name
 * ends with the post's first characters (区委 / 区委书记, 市委 / 市委常委), they are written once. An
 * overlap of one character is not merged (交通运输局 + 局长 stays 交通运输局局长).
 */
export function unitAndPost(unit: string, post: string | null | undefined, shortName?: string | null): string {
  const u = unit.trim();
  const p = (post ?? '').trim();
  if (!p) return u;
  if (!u) return p;
  if (p.startsWith(u)) return p;
  // The post names the unit by its short name (团市委书记 of 共青团青川市委员会): the full name in its place.
  const short = (shortName ?? '').trim();
  if (short.length >= 2 && short !== u && p.startsWith(short) && p.length > short.length) return u + p.slice(short.length);
  for (let k = Math.min(u.length, p.length - 1); k >= 2; k--) {
    if (u.endsWith(p.slice(0, k))) return u + p.slice(k);
  }
  return u + p;
}
