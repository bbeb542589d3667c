/**
 * Types of a parsed 干部任免审批表 (.lrmx / .lrm) and the table of its fields (reference/lrmx.md §2).
 * Every field keeps its text (trimmed, as written) beside the normalized value; the writer writes the
 * text back, so `parseLrmx(writeLrmx(x))` returns the same fields.
 */
import type { LrmxFamilyMember, LrmxPerson, ParsedResume } from '@jiandu/domain';

// The person's and family's values and the field table are the domain's (cadres/lrmx-fields.ts: the import's plan reads them).
export {
  FAMILY_FIELDS, PERSON_FIELDS, type CodeValue, type DateValue, type FamilyFieldDef, type FieldKind, type IdValue, type LrmxFamilyMember,
  type LrmxPerson, type NameValue, type PersonFieldDef, type TextValue,
} from '@jiandu/domain';

export type PhotoType = 'jpeg' | 'png' | 'gif' | 'bmp';

export interface LrmxPhoto {
  bytes: Buffer;
  type: PhotoType;
  mime: string;
}

/** An element we do not know, kept aside: its path, its text content and its raw inner XML. */
export interface LrmxUnknown {
  path: string;
  text: string;
  raw: string;
}

export interface LrmxIssue {
  /** `person.birth`, `family[0].birth`, `photo`, `file` … */
  field: string;
  /** 中文 name of the field (栏目). */
  label: string;
  message: string;
}

export interface LrmxDocument {
  person: LrmxPerson;
  family: LrmxFamilyMember[];
  photo: LrmxPhoto | null;
}

export interface LrmxParseResult extends LrmxDocument {
  format: 'lrmx' | 'lrm';
  /** The encoding the bytes were decoded with (`utf-8`, `utf-16le`, `gb18030` …). */
  encoding: string;
  resume: ParsedResume;
  unknown: LrmxUnknown[];
  warnings: LrmxIssue[];
  errors: LrmxIssue[];
}

export const FAMILY_ELEMENT = 'JiaTingChengYuan';
export const PHOTO_ELEMENT = 'ZhaoPian';
/** The editor version written when the document has none (observed in the reference template). */
export const DEFAULT_VERSION = '3.2.1.6';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Texts of one form before normalization: element name → text, as read from either format. */
export interface LrmxTexts {
  person: Record<string, string>;
  family: Array<Record<string, string>>;
}

export type LrmxFileErrorCode = 'too_large' | 'empty' | 'dtd' | 'not_xml' | 'not_lrmx' | 'not_lrm' | 'encoding';

/**
 * A file-level problem (the whole file is rejected): too big, not XML, a DTD/entity declaration, wrong
 * root element, not a .lrm record. The parsers throw it; its message is Chinese and meant for the user.
 * Problems of single fields never throw: they are `errors`/`warnings` of the result.
 */
export class LrmxFileError extends Error {
  constructor(public readonly code: LrmxFileErrorCode, message: string) {
    super(message);
    this.name = 'LrmxFileError';
  }
}
