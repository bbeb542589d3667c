/**
 * Matching a typed text against the options of a select list: by the label (substring, case-insensitive)
 * or by the label's pinyin initials ('dflz' → 党风廉政建设考核). Never by the option's value (a code), so a
 * typed word can only pick an option whose label shows it.
 *
 * The initials come from the platform's Chinese collation (Intl.Collator 'zh-CN' sorts Han characters by
 * pinyin): a character's initial is the last boundary character sorting at or before it. No dictionary,
 * so nothing to download; a polyphone reads as the collation reads it.
 */

const INITIALS = 'abcdefghjklmnopqrstwxyz';
const BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃痳拏噢妑七呥仨他屲夕丫帀';
const HAN = /\p{Script=Han}/u;

let collator: Intl.Collator | null = null;
const cache = new Map<string, string>();

/** The pinyin initial of one character ('' for a character that is neither Han nor a letter or digit). */
function initialOf(ch: string): string {
  if (!HAN.test(ch)) return /[\p{L}\p{N}]/u.test(ch) ? ch.toLowerCase() : '';
  const known = cache.get(ch);
  if (known !== undefined) return known;
  collator ??= new Intl.Collator('zh-CN');
  let found = '';
  for (let i = BOUNDARIES.length - 1; i >= 0; i--) {
    if (collator.compare(ch, BOUNDARIES[i]!) >= 0) {
      found = INITIALS[i]!;
      break;
    }
  }
  if (cache.size < 20_000) cache.set(ch, found);
  return found;
}

/** '党风廉政建设考核' → 'dflzjskh'. Letters and digits stay (lower case); other signs drop. */
export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) out += initialOf(ch);
  return out;
}

/**
 * How well a label matches what was typed: 0 = no match, higher = better (exact 4, prefix 3, substring 2,
 * pinyin initials 1). Empty input matches everything (1).
 */
export function optionMatchRank(label: string, typed: string): number {
  const q = typed.normalize('NFKC').trim().toLowerCase();
  if (q === '') return 1;
  const l = label.normalize('NFKC').toLowerCase();
  if (l === q) return 4;
  if (l.startsWith(q)) return 3;
  if (l.includes(q)) return 2;
  if (/^[a-z0-9]+$/u.test(q) && pinyinInitials(label).includes(q)) return 1;
  return 0;
}

/** True when the label matches what was typed (see optionMatchRank). */
export function optionMatches(label: string, typed: string): boolean {
  return optionMatchRank(label, typed) > 0;
}
