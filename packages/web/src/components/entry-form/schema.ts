/**
 * Reads the JSON Schema of a ledger kind's details (zod → JSON Schema, served by GET /api/entry-kinds)
 * into a flat list of field specs: one generic form and one generic display for every kind.
 */

type Json = Record<string, unknown>;

export type FieldType = 'enum' | 'enumMulti' | 'boolean' | 'integer' | 'number' | 'date' | 'text' | 'textarea' | 'unsupported';

export interface FieldSpec {
  name: string;
  title: string;
  description?: string;
  type: FieldType;
  required: boolean;
  options: string[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  default?: unknown;
}

const DATE_PATTERNS = new Set(['^\\d{4}-\\d{2}-\\d{2}$', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$']);
/** zod writes ±MAX_SAFE_INTEGER as the bounds of a plain int: no real bound. */
const bound = (v: unknown): number | undefined =>
  (typeof v === 'number' && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A nullable field (`type: [X, 'null']` or `anyOf: [X, {type: 'null'}]`) is read as X. */
function unwrap(p: Json): Json {
  if (Array.isArray(p.type)) {
    const types = p.type.filter((t) => t !== 'null');
    if (types.length === 1) return { ...p, type: types[0] };
  }
  const alts = (p.anyOf ?? p.oneOf) as unknown;
  if (Array.isArray(alts)) {
    const real = alts.filter((a) => isObj(a) && a.type !== 'null') as Json[];
    if (real.length === 1) return { ...real[0], ...p, anyOf: undefined, oneOf: undefined, type: real[0]!.type };
  }
  return p;
}

function enumOf(p: Json): string[] | null {
  if (Array.isArray(p.enum)) return p.enum.map(String);
  if (p.const !== undefined) return [String(p.const)];
  return null;
}

function typeOf(p: Json): FieldType {
  const options = enumOf(p);
  if (options) return 'enum';
  switch (p.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'array':
      return isObj(p.items) && enumOf(unwrap(p.items)) ? 'enumMulti' : 'unsupported';
    case 'string':
      if (p.format === 'date' || (typeof p.pattern === 'string' && DATE_PATTERNS.has(p.pattern))) return 'date';
      return typeof p.maxLength === 'number' && p.maxLength > 200 ? 'textarea' : 'text';
    default:
      return 'unsupported';
  }
}

export function fieldsOf(schema: Json | undefined): FieldSpec[] {
  if (!schema || !isObj(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(schema.properties).filter(([, raw]) => isObj(raw)).map(([name, raw]) => {
    const p = unwrap(raw as Json);
    const type = typeOf(p);
    const items = type === 'enumMulti' ? unwrap(p.items as Json) : null;
    const spec: FieldSpec = {
      name,
      title: typeof p.title === 'string' ? p.title : name,
      type,
      required: required.has(name),
      options: (items ? enumOf(items) : enumOf(p)) ?? [],
    };
    if (typeof p.description === 'string') spec.description = p.description;
    const min = bound(p.minimum) ?? (typeof p.exclusiveMinimum === 'number' ? p.exclusiveMinimum : undefined);
    const max = bound(p.maximum) ?? (typeof p.exclusiveMaximum === 'number' ? p.exclusiveMaximum : undefined);
    if (min !== undefined) spec.min = min;
    if (max !== undefined) spec.max = max;
    if (typeof p.minLength === 'number') spec.minLength = p.minLength;
    if (typeof p.maxLength === 'number') spec.maxLength = p.maxLength;
    if (typeof p.minItems === 'number') spec.minItems = p.minItems;
    if (typeof p.pattern === 'string' && type === 'text') spec.pattern = p.pattern;
    if (p.default !== undefined) spec.default = p.default;
    return spec;
  });
}

/** The values a new entry of this kind starts with (the schema's defaults). */
export function defaultsOf(fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.default !== undefined && f.default !== null) out[f.name] = f.default;
  return out;
}

/** What the form holds → what the API takes: empty strings and empty optional lists are left out. */
export function cleanDetails(fields: FieldSpec[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Map(fields.map((f) => [f.name, f]));
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    const f = known.get(k);
    if (Array.isArray(v) && v.length === 0 && !f?.required) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** A details value as text: 是/否, lists joined with 、. */
export function formatDetail(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(String).join('、') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Every details key to show, in schema order, then keys the schema no longer knows. */
export function labelledDetails(fields: FieldSpec[], details: Record<string, unknown>): Array<{ name: string; title: string; value: unknown }> {
  const out = fields.map((f) => ({ name: f.name, title: f.title, value: details[f.name] }));
  for (const [k, v] of Object.entries(details)) if (!fields.some((f) => f.name === k)) out.push({ name: k, title: k, value: v });
  return out;
}
