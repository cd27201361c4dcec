// Request bodies are checked against the zod schemas generated from Discord's OpenAPI document, and failures are
// reported the way Discord reports them: 400, code 50035 "Invalid Form Body", and an `errors` tree keyed by the
// path of each bad field with `_errors: [{code, message}]` at the leaves.
import type { ZodMiniType } from 'zod/mini';

export type FieldPath = Array<string | number>;

export interface FieldError {
  path: FieldPath;
  code: string;
  message: string;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  format?: string;
  values?: unknown[];
  input?: unknown;
  errors?: Issue[][];
}

function describe(issue: Issue, path: FieldPath): FieldError {
  const sizeOf = (n: number | bigint | undefined): string => String(n ?? '');
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint'
        ? { path, code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${sizeOf(issue.maximum)}.` }
        : { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${sizeOf(issue.maximum)} or fewer in length.` };
    case 'too_small':
      return issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint'
        ? { path, code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${sizeOf(issue.minimum)}.` }
        : { path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${sizeOf(issue.minimum)} or more in length.` };
    case 'invalid_type':
      return issue.input === undefined
        ? { path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }
        : { path, code: 'BASE_TYPE_BAD_TYPE', message: `Could not interpret ${JSON.stringify(issue.input)} as ${issue.expected}.` };
    case 'invalid_value':
      return { path, code: 'BASE_TYPE_CHOICES', message: `Value must be one of ${JSON.stringify(issue.values)}.` };
    case 'invalid_format':
      if (issue.format === 'url') return { path, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' };
      if (issue.format === 'datetime') return { path, code: 'DATE_TYPE_PARSE', message: 'Could not parse date. Should be ISO8601.' };
      return { path, code: 'STRING_TYPE_REGEX', message: `String value did not match validation regex (${issue.format}).` };
    default:
      return { path, code: 'BASE_TYPE_INVALID', message: `Invalid value (${issue.code}).` };
  }
}

function isDiscriminantMismatch(issue: Issue): boolean {
  return issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'type';
}

/** The branch wanted another kind of value altogether (`undefined`, a number…), so it says nothing useful. */
function isWholeMismatch(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

/**
 * A failed union (component types, option types) reports every branch. Like Discord, report only the branch whose
 * `type` matched; when none did, report that `type` itself is not one of the allowed values.
 */
function flatten(issue: Issue, base: FieldPath, out: FieldError[]): void {
  const path = [...base, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  if (issue.code !== 'invalid_union' || !issue.errors?.length) {
    out.push(describe(issue, path));
    return;
  }
  const candidates = issue.errors.filter((branch) => !branch.some(isDiscriminantMismatch) && !branch.some(isWholeMismatch));
  if (candidates.length === 0 && !issue.errors.some((branch) => branch.some(isDiscriminantMismatch))) {
    candidates.push(...issue.errors);
  }
  if (candidates.length === 0) {
    const allowed = issue.errors.flatMap((b) => b.filter(isDiscriminantMismatch).flatMap((i) => i.values ?? []));
    out.push({
      path: allowed.length ? [...path, 'type'] : path,
      code: 'UNION_TYPE_CHOICES',
      message: allowed.length ? `Value of field "type" must be one of (${allowed.join(', ')}).` : 'Value does not match any allowed shape.',
    });
    return;
  }
  const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
  for (const inner of best) flatten(inner, path, out);
}

function isIsoWithOffset(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value));
}

function valueAt(body: unknown, path: FieldPath): unknown {
  let cursor: unknown = body;
  for (const key of path) cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string | number, unknown>)[key] : undefined;
  return cursor;
}

/**
 * Where the published spec is stricter than Discord itself, follow Discord: `default_member_permissions` is sent as
 * a string of digits (discord.js does), and embed timestamps may carry a UTC offset.
 */
function normalizeForSpec(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeForSpec);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === 'default_member_permissions' && typeof inner === 'string' && /^\d+$/.test(inner) ? Number(inner) : normalizeForSpec(inner);
  }
  return out;
}

export function schemaErrors(schema: ZodMiniType<unknown, unknown>, body: unknown): FieldError[] {
  const result = schema.safeParse(normalizeForSpec(body), { reportInput: true });
  if (result.success) return [];
  const out: FieldError[] = [];
  for (const issue of result.error.issues as unknown as Issue[]) flatten(issue, [], out);
  return out.filter((e) => !(e.code === 'DATE_TYPE_PARSE' && isIsoWithOffset(valueAt(body, e.path))));
}

/** Discord's `errors` tree: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export function discordErrorTree(errors: FieldError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    let node = root;
    for (const key of error.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const leaf = (node._errors ??= []) as Array<{ code: string; message: string }>;
    leaf.push({ code: error.code, message: error.message });
  }
  return root;
}

export function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.path.join('.') || '(body)'}: ${e.code} ${e.message}`).join('; ');
}
