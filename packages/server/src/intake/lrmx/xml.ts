/**
 * A small, strict XML reader for the flat .lrmx format (root element, child elements with text, one
 * level of `Item` containers). No DTD support exists at all: any `<!DOCTYPE`/`<!ENTITY` is refused by
 * `assertNoDtd` before parsing, and only the five predefined entities and character references are
 * decoded — nothing is ever fetched or expanded, so XXE and entity bombs are impossible by construction.
 * Attributes are read and ignored. Linear time; nesting depth and element count are capped.
 */
import { LrmxFileError } from './types.ts';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Direct character data (text and CDATA), entities decoded, line ends normalized. */
  text: string;
  /** Offsets of the raw inner content in the source text. */
  innerStart: number;
  innerEnd: number;
}

export interface XmlParseOutput {
  root: XmlElement;
  warnings: string[];
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 32, maxElements: 50_000 };
const MAX_WARNINGS = 30;
const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*/y;
const PREDEFINED = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z_][\w.-]{0,63}));/y;

/** Refuses any document type or entity declaration, wherever it appears. */
export function assertNoDtd(text: string): void {
  if (/<!\s*(?:DOCTYPE|ENTITY)/iu.test(text)) {
    throw new LrmxFileError('dtd',
      '文件含有 DTD 或实体声明（<!DOCTYPE / <!ENTITY），出于安全原因拒绝导入。干部任免审批表文件不需要这类声明，请用任免表编辑器重新导出后再导入。');
  }
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

class Reader {
  readonly warnings: string[] = [];
  private suppressed = 0;
  private elements = 0;

  constructor(private readonly src: string, private readonly limits: XmlLimits) {}

  private lineCache = { pos: 0, line: 1 };

  /** 1-based line of a position (incremental: warnings come in document order). */
  lineOf(pos: number): number {
    let { pos: i, line } = pos >= this.lineCache.pos ? this.lineCache : { pos: 0, line: 1 };
    for (; i < pos && i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) line++;
    this.lineCache = { pos: i, line };
    return line;
  }

  fail(pos: number, what: string): never {
    const truncated = !/截断/u.test(what) && this.src.indexOf('>', pos) < 0 ? '（文件可能不完整，被截断）' : '';
    throw new LrmxFileError('not_xml', `文件不是有效的 XML（第${this.lineOf(pos)}行）：${what}${truncated}`);
  }

  warn(pos: number, what: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(`第${this.lineOf(pos)}行：${what}`);
    else this.suppressed++;
  }

  finishWarnings(): void {
    if (this.suppressed > 0) this.warnings.push(`另有${this.suppressed}处类似问题未逐一列出`);
  }

  /** Character data: line ends normalized, then references decoded (leniently: an unknown one stays as written). */
  decode(raw: string, pos: number): string {
    const s = raw.replace(/\r\n?/gu, '\n');
    let amp = s.indexOf('&');
    if (amp < 0) return s;
    let out = '';
    let last = 0;
    while (amp >= 0) {
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(s);
      let replacement: string | null = null;
      if (!m) this.warn(pos + amp, '有未转义的“&”，已按原文保留');
      else if (m[3] !== undefined) {
        replacement = PREDEFINED.get(m[3]) ?? null;
        if (replacement === null) this.warn(pos + amp, `未定义的实体 ${m[0]}（不会展开），已按原文保留`);
      } else {
        const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
        if (isXmlChar(cp)) replacement = String.fromCodePoint(cp);
        else this.warn(pos + amp, `无效的字符引用 ${m[0]}，已按原文保留`);
      }
      const end = m ? amp + m[0].length : amp + 1;
      if (replacement !== null) {
        out += s.slice(last, amp) + replacement;
        last = end;
      }
      amp = s.indexOf('&', end);
    }
    return out + s.slice(last);
  }

  /** Skips `<?…?>` / `<!--…-->` at pos; returns the position after it, or -1 if there is none there. */
  skipMisc(pos: number): number {
    if (this.src.startsWith('<?', pos)) {
      const end = this.src.indexOf('?>', pos + 2);
      if (end < 0) this.fail(pos, '处理指令 <?…?> 没有结束');
      return end + 2;
    }
    if (this.src.startsWith('<!--', pos)) {
      const end = this.src.indexOf('-->', pos + 4);
      if (end < 0) this.fail(pos, '注释 <!--…--> 没有结束');
      return end + 3;
    }
    return -1;
  }

  skipSpace(pos: number): number {
    for (;;) {
      const c = this.src.charCodeAt(pos);
      if (c === 0x20 || c === 0x9 || c === 0xa || c === 0xd || c === 0xfeff) pos++;
      else return pos;
    }
  }

  /** Reads a start tag at pos (`<name attrs>` or `<name …/>`). */
  startTag(pos: number): { name: string; end: number; selfClosing: boolean } {
    NAME.lastIndex = pos + 1;
    const m = NAME.exec(this.src);
    if (!m) this.fail(pos, '“<”后面不是合法的元素名（文字中的“<”应写作 &lt;）');
    let i = pos + 1 + m[0].length;
    for (;;) {
      const before = i;
      i = this.skipSpace(i);
      const ch = this.src[i];
      if (ch === undefined) this.fail(pos, `元素 <${m[0]}> 的开始标签没有结束（文件可能被截断）`);
      if (ch === '>') return { name: m[0], end: i + 1, selfClosing: false };
      if (ch === '/' && this.src[i + 1] === '>') return { name: m[0], end: i + 2, selfClosing: true };
      if (i === before) this.fail(i, `元素 <${m[0]}> 的属性格式错误`);
      NAME.lastIndex = i;
      const a = NAME.exec(this.src);
      if (!a) this.fail(i, `元素 <${m[0]}> 的属性格式错误`);
      i = this.skipSpace(i + a[0].length);
      if (this.src[i] !== '=') this.fail(i, `属性 ${a[0]} 缺少“=”`);
      i = this.skipSpace(i + 1);
      const q = this.src[i];
      if (q !== '"' && q !== "'") this.fail(i, `属性 ${a[0]} 的值应加引号`);
      const close = this.src.indexOf(q, i + 1);
      if (close < 0 || this.src.slice(i + 1, close).includes('<')) this.fail(i, `属性 ${a[0]} 的值没有结束`);
      i = close + 1;
    }
  }

  parse(): XmlElement {
    const src = this.src;
    let pos = 0;
    // Prolog: declaration, comments, processing instructions.
    for (;;) {
      pos = this.skipSpace(pos);
      if (pos >= src.length) this.fail(pos, '文件中没有任何元素');
      const next = this.skipMisc(pos);
      if (next >= 0) { pos = next; continue; }
      if (src[pos] !== '<') this.fail(pos, '文件开头不是 XML 元素');
      if (src.startsWith('<!', pos)) this.fail(pos, '不支持的声明');
      break;
    }
    const first = this.startTag(pos);
    const root: XmlElement = { name: first.name, children: [], text: '', innerStart: first.end, innerEnd: first.end };
    this.elements = 1;
    const stack: XmlElement[] = first.selfClosing ? [] : [root];
    pos = first.end;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const lt = src.indexOf('<', pos);
      if (lt < 0) this.fail(src.length, `元素 <${top.name}> 没有结束标签（文件可能被截断）`);
      if (lt > pos) top.text += this.decode(src.slice(pos, lt), pos);
      if (src.startsWith('</', lt)) {
        NAME.lastIndex = lt + 2;
        const m = NAME.exec(src);
        const after = m ? this.skipSpace(lt + 2 + m[0].length) : -1;
        if (!m || src[after] !== '>') this.fail(lt, '结束标签格式错误');
        if (m[0] !== top.name) this.fail(lt, `结束标签 </${m[0]}> 与开始标签 <${top.name}> 不匹配`);
        top.innerEnd = lt;
        stack.pop();
        pos = after + 1;
        continue;
      }
      if (src.startsWith('<![CDATA[', lt)) {
        const end = src.indexOf(']]>', lt + 9);
        if (end < 0) this.fail(lt, 'CDATA 段没有结束');
        top.text += src.slice(lt + 9, end).replace(/\r\n?/gu, '\n');
        pos = end + 3;
        continue;
      }
      const misc = this.skipMisc(lt);
      if (misc >= 0) { pos = misc; continue; }
      if (src.startsWith('<!', lt)) this.fail(lt, '不支持的声明');
      const tag = this.startTag(lt);
      if (++this.elements > this.limits.maxElements) {
        throw new LrmxFileError('not_lrmx', `文件结构异常：元素超过${this.limits.maxElements}个，不是干部任免审批表`);
      }
      const child: XmlElement = { name: tag.name, children: [], text: '', innerStart: tag.end, innerEnd: tag.end };
      top.children.push(child);
      if (!tag.selfClosing) {
        if (stack.length >= this.limits.maxDepth) {
          throw new LrmxFileError('not_lrmx', `文件结构异常：元素嵌套超过${this.limits.maxDepth}层，不是干部任免审批表`);
        }
        stack.push(child);
      }
      pos = tag.end;
    }
    // After the root: only whitespace, comments and processing instructions.
    for (;;) {
      pos = this.skipSpace(pos);
      if (pos >= src.length) break;
      const next = this.skipMisc(pos);
      if (next < 0) this.fail(pos, `根元素 </${root.name}> 之后还有多余的内容`);
      pos = next;
    }
    this.finishWarnings();
    return root;
  }
}

/** Parses a decoded document. Throws `LrmxFileError` ('not_xml' / 'not_lrmx') with a Chinese message. */
export function parseXml(text: string, limits: Partial<XmlLimits> = {}): XmlParseOutput {
  assertNoDtd(text);
  const reader = new Reader(text, { ...DEFAULT_LIMITS, ...limits });
  const root = reader.parse();
  return { root, warnings: reader.warnings };
}

/** Text content of an element and all its descendants. */
export function deepText(el: XmlElement): string {
  return el.text + el.children.map(deepText).join('');
}
