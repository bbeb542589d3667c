/**
 * The unit of a new cadre read from the words an office writes (现任职务 / 工作单位及职务), and the title and
 * 一把手 post that go with it. Pure: the caller loads the candidate units (in scope, not abolished).
 *
 * Every unit is known by its registry name, short name and former names, and by the forms offices write
 * them in, generated here (`unitAliases`):
 *   中共X委员会 ↔ X委 · X人民政府 ↔ X政府 · X人民代表大会常务委员会 ↔ X人大常委会 ·
 *   中国人民政治协商会议X委员会 ↔ X政协 (政协X委员会 → X政协) · 中共X纪律检查委员会 ↔ X纪委, X监察委员会 ↔ X监委 (X纪委监委 → X纪委, X监委) ·
 *   中共X县委组织部 ↔ X县委组织部 (a leading 中共 is dropped everywhere) · …办公室 → …办 · X人民法院/检察院 → X法院/检察院;
 * and without the place: 临江县委组织部 → 县委组织部 (the level word kept) and 组织部 (bare) — these "place"
 * forms count like the others, so in a scope with one county 县委组织部部长 is that county's 组织部 and in a
 * city with several counties it is ambiguous (an error naming them), never a guess. A government is also
 * found from its head's title alone: 临江县县长, 县长, 副县长, 常务副县长 → 临江县人民政府.
 *
 * A text is read as a list of posts (split at 、，；/ and spaces). Each post is matched by the LONGEST form
 * it starts with (equal lengths: a registry name before a generated form; two units still equal → ambiguous).
 * A later post is first read after the unit of the post before it (县委常委、组织部部长 → 县委 + 组织部部长 →
 * 县委组织部), then alone (县委副书记、县长 → 县长 → 县人民政府); naming no unit it stays in the unit before
 * (财政局党组书记、局长). The cadre's unit is that of the first 一把手 post of a unit with a team, else of the LAST
 * post naming a unit (县委常委、常务副县长 → 县人民政府: the party post comes first, the job last); the title is
 * the posts in that unit joined with 、 (党组书记、局长); `isPrincipal` whether one of them is the 一把手 post.
 */

/** A unit the text may name. */
export interface PlacementUnit {
  id: string;
  name: string;
  shortName?: string | null;
  formerNames?: readonly string[];
  /** Has a 领导班子 (only then is a post its 一把手, and a tenure possible). */
  hasTeam: boolean;
  /** Materialized path of ids ('/a/b/c/'): two units a text names equally are told apart by the nearer to the default unit. */
  path?: string;
}

/** How a cadre's unit was found (the preview says it). */
export const PLACEMENT_HOW = ['column', 'title', 'default'] as const;
export type PlacementHow = (typeof PLACEMENT_HOW)[number];
export const PLACEMENT_HOW_NAMES: Record<PlacementHow, string> = { column: '单位列', title: '职务', default: '默认单位' };

/** Tiers of a form, best first: the registry's own names, generated contractions, forms without the place. */
type Tier = 0 | 1 | 2;

interface Form {
  text: string;
  unit: PlacementUnit;
  tier: Tier;
  /** The form only counts when the text after it reads so (a government named by its head's title). */
  then?: RegExp;
}

export interface UnitIndex {
  units: ReadonlyMap<string, PlacementUnit>;
  /** Forms by their first character ('' forms under ''). */
  byFirst: ReadonlyMap<string, Form[]>;
  /** Exact forms (for a 单位 column). */
  exact: ReadonlyMap<string, Form[]>;
}

/** Spaces (any width) removed, full-width brackets and letters as written. */
export function normalizeUnitText(s: string): string {
  return s.replace(/[\s\u3000]+/gu, '');
}

const stripCpc = (s: string) => (s.startsWith('中共') && s.length > 3 ? s.slice(2) : s);

/** Words of department names offices shorten (临江县发展和改革局 → 临江县发改局). */
const SHORT_WORDS: ReadonlyArray<[string, string]> = [
  ['发展和改革', '发改'], ['人力资源和社会保障', '人社'], ['住房和城乡建设', '住建'], ['市场监督管理', '市场监管'],
  ['文化广电和旅游', '文广旅'], ['文化和旅游', '文旅'], ['卫生健康', '卫健'], ['退役军人事务', '退役军人'], ['交通运输', '交通'],
  ['自然资源和规划', '自然资源'], ['经济和信息化', '经信'], ['科学技术', '科技'],
];

/** Rewrites of a name into the other forms offices write (both ways where the brief asks). */
const REWRITES: ReadonlyArray<(s: string) => string | null> = [
  (s) => s.match(/^中共(.+?(?:自治县|自治州|自治旗|省|市|县|区|旗|州|盟))委员会$/u)?.[1]?.concat('委') ?? null,
  (s) => (/^.+(?:省|市|县|区|旗|州|盟)委$/u.test(s) && !s.startsWith('中共') ? `中共${s.slice(0, -1)}委员会` : null),
  (s) => (s.includes('人民政府') ? s.replaceAll('人民政府', '政府') : null),
  (s) => (/(?<!人民)政府/u.test(s) ? s.replace(/(?<!人民)政府/gu, '人民政府') : null),
  (s) => (s.includes('人民代表大会常务委员会') ? s.replaceAll('人民代表大会常务委员会', '人大常委会') : null),
  (s) => (s.includes('人大常委会') ? s.replaceAll('人大常委会', '人民代表大会常务委员会') : null),
  (s) => s.match(/^中国人民政治协商会议(.+)委员会$/u)?.[1]?.concat('政协') ?? null,
  (s) => s.match(/^政协(.+)委员会$/u)?.[1]?.concat('政协') ?? null,
  (s) => { const m = s.match(/^(.+)政协$/u); return m ? `中国人民政治协商会议${m[1]}委员会` : null; },
  (s) => s.match(/^(?:中共)?(.+)纪律检查委员会$/u)?.[1]?.concat('纪委') ?? null,
  (s) => s.match(/^(.+)监察委员会$/u)?.[1]?.concat('监委') ?? null,
  (s) => s.match(/^(.+)纪委监委$/u)?.[1]?.concat('纪委') ?? null,
  (s) => s.match(/^(.+)纪委监委$/u)?.[1]?.concat('监委') ?? null,
  (s) => (s.endsWith('办公室') && s.length > 4 ? `${s.slice(0, -2)}` : null),
  (s) => (s.endsWith('人民法院') ? s.replace(/人民法院$/u, '法院') : null),
  (s) => (s.endsWith('人民检察院') ? s.replace(/人民检察院$/u, '检察院') : null),
  (s) => (stripCpc(s) !== s ? stripCpc(s) : null),
  (s) => { for (const [long, short] of SHORT_WORDS) if (s.includes(long)) return s.replace(long, short); return null; },
];

/** A name and the forms it is written in (the name included), without a leading 中共 (texts lose theirs too). */
export function unitAliases(name: string): string[] {
  const seen = new Set<string>([normalizeUnitText(name)]);
  let frontier = [...seen];
  for (let round = 0; round < 4 && frontier.length > 0; round++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (const rw of REWRITES) {
        const r = rw(s);
        if (r && r.length >= 2 && !seen.has(r)) { seen.add(r); next.push(r); }
      }
    }
    frontier = next;
  }
  return [...new Set([...seen].map(stripCpc))];
}

/** Words too general to name a unit without its place (a 财政局办公室主任 is no 县委办公室's). */
const GENERIC = new Set(['办公室', '办', '政府', '人民政府', '委员会', '党委', '党组', '机关']);

const PLACE = /^(.+?(?:自治县|自治旗|县|市|区|旗))/u;

/** A form without its place: 临江县委组织部 → [县委组织部, 组织部]; 临江县财政局 → [县财政局, 财政局]. */
export function placeFreeForms(form: string): string[] {
  const m = form.match(PLACE);
  if (!m || m[1]!.length < 2 || m[1]!.length >= form.length) return [];
  const place = m[1]!;
  const level = place.endsWith('自治县') ? '县' : place.endsWith('自治旗') ? '旗' : place.slice(-1);
  const rest = form.slice(place.length);
  const bare = rest.startsWith('委') && !rest.startsWith('委员会') ? rest.slice(1) : rest;
  return [level + rest, ...(bare.length >= 2 && !GENERIC.has(bare) ? [bare] : [])];
}

/** A government's place and level: 临江县人民政府 → 临江县, 县. */
function governmentOf(form: string): { place: string; level: string } | null {
  const m = form.match(/^(.+?(?:自治县|自治旗|县|市|区|旗))(?:人民)?政府$/u);
  if (!m) return null;
  const place = m[1]!;
  return { place, level: place.endsWith('自治县') ? '县' : place.endsWith('自治旗') ? '旗' : place.slice(-1) };
}

/** Builds the forms of every unit once (a check loads its units once, then reads every row against them). */
export function buildUnitIndex(units: readonly PlacementUnit[]): UnitIndex {
  const byFirst = new Map<string, Form[]>();
  const exact = new Map<string, Form[]>();
  const add = (f: Form) => {
    const k = f.text.slice(0, 1);
    byFirst.set(k, [...(byFirst.get(k) ?? []), f]);
    if (!f.then) exact.set(f.text, [...(exact.get(f.text) ?? []), f]);
  };
  for (const unit of units) {
    const best = new Map<string, Tier>();
    const put = (text: string, tier: Tier) => { if (text.length >= 2 && (best.get(text) ?? 9) > tier) best.set(text, tier); };
    const names = [unit.name, unit.shortName ?? '', ...(unit.formerNames ?? [])].map(normalizeUnitText).filter((n) => n !== '');
    for (const n of names) put(stripCpc(n), 0);
    const generated = new Set(names.flatMap(unitAliases));
    for (const g of generated) put(g, 1);
    for (const g of generated) for (const p of placeFreeForms(g)) put(p, 2);
    for (const [text, tier] of best) add({ text, unit, tier });
    for (const g of generated) {
      const gov = governmentOf(g);
      if (!gov) continue;
      const head = new RegExp(`^(?:常务)?副?${gov.level}长`, 'u');
      add({ text: gov.place, unit, tier: 1, then: head });
      add({ text: '', unit, tier: 2, then: head });
    }
  }
  // A unit found by several of its forms at one place counts once (dedupe per text and unit).
  for (const [k, list] of byFirst) {
    const keep = new Map<string, Form>();
    for (const f of list) {
      const key = `${f.text}|${f.unit.id}|${f.then ? 1 : 0}`;
      const was = keep.get(key);
      if (!was || was.tier > f.tier) keep.set(key, f);
    }
    byFirst.set(k, [...keep.values()]);
  }
  return { units: new Map(units.map((u) => [u.id, u])), byFirst, exact };
}

/** The units a 单位 cell names exactly (any of their forms; the best tier only). */
export function unitsNamed(cell: string, index: UnitIndex): PlacementUnit[] {
  const text = stripCpc(normalizeUnitText(cell));
  const forms = index.exact.get(text) ?? [];
  const tier = Math.min(...forms.map((f) => f.tier));
  return [...new Map(forms.filter((f) => f.tier === tier).map((f) => [f.unit.id, f.unit])).values()];
}

interface PostMatch { units: PlacementUnit[]; length: number; form: string }

/** The longest form `text` starts with; equal length: the better tier; still several units: all of them. */
function longestForm(text: string, index: UnitIndex): PostMatch | null {
  const cands = [...(index.byFirst.get(text.slice(0, 1)) ?? []), ...(index.byFirst.get('') ?? [])]
    .filter((f) => text.startsWith(f.text) && (!f.then || f.then.test(text.slice(f.text.length))));
  if (cands.length === 0) return null;
  const length = Math.max(...cands.map((f) => f.text.length));
  const longest = cands.filter((f) => f.text.length === length);
  const tier = Math.min(...longest.map((f) => f.tier));
  const best = longest.filter((f) => f.tier === tier);
  return { units: [...new Map(best.map((f) => [f.unit.id, f.unit])).values()], length, form: best[0]!.text };
}

/**
 * 一把手 posts: the whole title of a post (after its unit) is one of these. 书记 with its organ (党委书记,
 * 党组书记, 党工委书记 …); 县长/区长/市长/旗长/州长 (the government's head); the head of a 局, 部, 委, 办, 院, court,
 * procuratorate, 人大 (主任), 政协 (主席), bank, school … 镇长, 乡长 and 办事处主任 are not (a town's 一把手 is its
 * 党委书记), nor any 副, 常务副, 委员, 调研员.
 */
const PRINCIPAL_TITLES = new Set([
  '书记', '党委书记', '党组书记', '党工委书记', '工委书记', '党总支书记', '党支部书记', '党组织书记',
  '县长', '区长', '市长', '旗长', '州长', '省长',
  '局长', '主任', '部长', '院长', '检察长', '主席', '行长', '校长', '所长', '队长', '社长', '站长', '馆长', '厅长',
  '总经理', '董事长', '主任委员', '团长', '会长', '理事长', '处长', '科长', '署长', '总队长', '支队长', '大队长',
]);

/** Whether one post's title (the words after its unit) is the unit's 一把手 post. Brackets (兼, 正科级) are ignored. */
export function isPrincipalTitle(title: string): boolean {
  const t = normalizeUnitText(title).replace(/[（(][^）)]*[）)]/gu, '');
  return PRINCIPAL_TITLES.has(t);
}

export interface TitlePlacement {
  /** The unit the text names; null: none (or ambiguous). */
  unit: PlacementUnit | null;
  /** The title in that unit (posts joined with 、); the whole text when the unit is not named in it. */
  title: string;
  isPrincipal: boolean;
  /** Names of the units a post matched equally (an error of the row); empty otherwise. */
  ambiguous: string[];
}

const POST_SPLIT = /[、，,；;／/\s\u3000]+/u;

/** Of several units, the one nearest `near` in the tree (most path segments in common), if one is strictly nearest. */
function nearest(units: PlacementUnit[], near: PlacementUnit | null): PlacementUnit[] {
  if (!near?.path || units.some((u) => !u.path)) return units;
  const common = (u: PlacementUnit) => {
    const a = u.path!.split('/').filter(Boolean);
    const b = near.path!.split('/').filter(Boolean);
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const scores = units.map(common);
  const best = Math.max(...scores);
  const at = units.filter((_, i) => scores[i] === best);
  return at.length === 1 ? at : units;
}

/**
 * Reads a 现任职务 text. With `within` (the unit is already known: a 单位 column, the default unit), the title
 * and 一把手 post are read for that unit: its posts, or the whole text when no post names it. `near` (the
 * default unit) tells apart units named equally: the one nearest it in the tree (县委副书记 with the default
 * unit 临江县财政局 → 临江县委, not 石溪县委).
 */
export function placeByTitle(text: string, index: UnitIndex, within?: string | null, near?: string | null): TitlePlacement {
  const posts = text.split(POST_SPLIT).map((p) => stripCpc(p.trim())).filter((p) => p !== '');
  const nearId = near ?? within ?? null;
  const nearUnit = nearId ? index.units.get(nearId) ?? null : null;
  const read: Array<{ unit: PlacementUnit | null; title: string; form: string; ambiguous?: string[] }> = [];
  for (const post of posts) {
    const prev = read[read.length - 1];
    let m: PostMatch | null = null;
    let title = post;
    // After the unit before: 县委 + 组织部部长 → 县委组织部 (a longer form: another unit); the same unit: stays.
    if (prev?.unit || prev?.ambiguous) {
      const joined = longestForm(prev.form + post, index);
      if (joined && joined.length > prev.form.length) { m = joined; title = (prev.form + post).slice(joined.length); }
    }
    if (!m) {
      const alone = longestForm(post, index);
      if (alone) { m = alone; title = post.slice(alone.length); }
    }
    if (m && m.units.length > 1) m = { ...m, units: nearest(m.units, nearUnit) };
    if (m && m.units.length > 1) {
      read.push({ unit: null, title, form: m.form, ambiguous: m.units.map((u) => u.name).sort((a, b) => a.localeCompare(b, 'zh-CN')) });
      continue;
    }
    if (m) read.push({ unit: m.units[0]!, title, form: m.form });
    else read.push({ unit: prev?.unit ?? null, title: post, form: prev?.form ?? '', ...(prev?.ambiguous ? { ambiguous: prev.ambiguous } : {}) });
  }
  const titleOf = (unitId: string | null) => read.filter((r) => (r.unit?.id ?? null) === unitId && r.title !== '').map((r) => r.title);
  const principalIn = (u: PlacementUnit, titles: string[]) => u.hasTeam && titles.some(isPrincipalTitle);

  if (within !== undefined && within !== null) {
    const unit = index.units.get(within) ?? null;
    const mine = titleOf(within);
    const unnamed = read.every((r) => r.unit === null);
    const titles = mine.length > 0 ? mine : unnamed ? posts : [];
    return { unit, title: titles.length > 0 ? titles.join('、') : posts.join('、'), isPrincipal: !!unit && principalIn(unit, titles), ambiguous: [] };
  }
  // A post naming several units equally matters only when it is the post that decides (县委常委、宣传部部长:
  // 县委 may be two counties', 县委宣传部 only one's).
  const named = read.filter((r) => r.unit !== null || r.ambiguous);
  if (named.length === 0) return { unit: null, title: posts.join('、'), isPrincipal: false, ambiguous: [] };
  const firstPrincipal = named.find((r) => (r.ambiguous || r.unit!.hasTeam) && isPrincipalTitle(r.title));
  const chosen = firstPrincipal ?? named[named.length - 1]!;
  if (chosen.ambiguous) return { unit: null, title: posts.join('、'), isPrincipal: false, ambiguous: chosen.ambiguous };
  const unit = chosen.unit!;
  const titles = titleOf(unit.id);
  return { unit, title: titles.join('、'), isPrincipal: principalIn(unit, titles), ambiguous: [] };
}

export interface Placement {
  unit: PlacementUnit | null;
  how: PlacementHow | null;
  title: string;
  isPrincipal: boolean;
  /** The row's problem (it creates no cadre): the column it is about and the message. */
  error: { column: 'orgName' | 'currentPost'; message: string } | null;
}

const listNames = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).map((n) => `“${n}”`).join('、')}等${names.length}个单位` : names.map((n) => `“${n}”`).join('、'));

/**
 * A new cadre's unit, in order: the 单位 column (exact: a name, short name, former name or a usual form of
 * one); the unit the 职务 text names (`placeByTitle`); the default unit. A 单位 naming no unit or several,
 * and a 职务 naming several equally, are errors of the row — never a guess, never the default.
 */
export function placeCadre(input: { column: string | null; title: string | null; defaultOrgId: string | null }, index: UnitIndex): Placement {
  const text = input.title ?? '';
  if (input.column) {
    const found = unitsNamed(input.column, index);
    if (found.length === 0) return { unit: null, how: null, title: '', isPrincipal: false, error: { column: 'orgName', message: `没有名为“${input.column}”的单位（或不在管辖范围内、已撤销）` } };
    if (found.length > 1) return { unit: null, how: null, title: '', isPrincipal: false, error: { column: 'orgName', message: `${listNames(found.map((u) => u.name).sort((a, b) => a.localeCompare(b, 'zh-CN')))}都可称为“${input.column}”，请写全称` } };
    const t = placeByTitle(text, index, found[0]!.id);
    return { unit: found[0]!, how: 'column', title: t.title, isPrincipal: t.isPrincipal, error: null };
  }
  const byTitle = text ? placeByTitle(text, index, null, input.defaultOrgId) : null;
  if (byTitle && byTitle.ambiguous.length > 0) {
    return { unit: null, how: null, title: byTitle.title, isPrincipal: false, error: { column: 'currentPost', message: `职务“${text}”中的单位可指${listNames(byTitle.ambiguous)}，请在“单位”列写明` } };
  }
  if (byTitle?.unit) return { unit: byTitle.unit, how: 'title', title: byTitle.title, isPrincipal: byTitle.isPrincipal, error: null };
  const fallback = input.defaultOrgId ? index.units.get(input.defaultOrgId) ?? null : null;
  if (fallback) {
    const t = placeByTitle(text, index, fallback.id);
    return { unit: fallback, how: 'default', title: text ? t.title : '', isPrincipal: text ? t.isPrincipal : false, error: null };
  }
  return { unit: null, how: null, title: byTitle?.title ?? '', isPrincipal: false, error: null };
}
