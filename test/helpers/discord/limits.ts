// Documented Discord limits the published OpenAPI schemas do not express (or express more loosely than Discord
// enforces them for bots). Reported in the same shape as schema errors, so a caller sees one 50035 answer.
import type { FieldError, FieldPath } from './validation.js';

type Json = Record<string, unknown>;

const IS_COMPONENTS_V2 = 1 << 15;
const MAX_EMBED_TOTAL = 6000;
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

const asObject = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const length = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

function tooLong(path: FieldPath, max: number): FieldError {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function embedTotal(embed: Json): number {
  let total = length(embed.title) + length(embed.description);
  total += length(asObject(embed.footer)?.text) + length(asObject(embed.author)?.name);
  for (const field of asArray(embed.fields)) total += length(asObject(field)?.name) + length(asObject(field)?.value);
  return total;
}

/** Discord takes only web addresses in embeds (images also `attachment://`), and links buttons also to `discord://`. */
function schemeErrors(url: unknown, path: FieldPath, schemes: string[], out: FieldError[]): void {
  if (typeof url !== 'string') return;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  // No scheme at all is the schema's URL_TYPE_INVALID_URL.
  if (!scheme || schemes.includes(scheme)) return;
  const allowed = schemes.filter((s) => s !== 'attachment').map((s) => `'${s}'`).join(', ');
  out.push({ path, code: 'URL_TYPE_INVALID_SCHEME', message: `Scheme "${scheme}" is not supported. Scheme must be one of (${allowed}).` });
}

function embedUrlErrors(embed: Json, path: FieldPath, out: FieldError[]): void {
  schemeErrors(embed.url, [...path, 'url'], ['http', 'https'], out);
  schemeErrors(asObject(embed.author)?.url, [...path, 'author', 'url'], ['http', 'https'], out);
  for (const key of ['thumbnail', 'image'] as const) schemeErrors(asObject(embed[key])?.url, [...path, key, 'url'], ['http', 'https', 'attachment'], out);
}

function componentErrors(body: Json, base: FieldPath, out: FieldError[]): void {
  const components = asArray(body.components);
  const v2 = (Number(body.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
  if (!v2 && components.length > 5) out.push(tooLong([...base, 'components'], 5));
  const seen = new Set<string>();
  const visit = (component: unknown, path: FieldPath): void => {
    const c = asObject(component);
    if (!c) return;
    if (!v2 && path.length === base.length + 2 && c.type !== 1) {
      out.push({ path: [...path, 'type'], code: 'COMPONENT_LAYOUT_INVALID', message: 'Top-level components must be action rows unless the message uses components v2.' });
    }
    if (typeof c.custom_id === 'string') {
      if (seen.has(c.custom_id)) out.push({ path: [...path, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      seen.add(c.custom_id);
    }
    if (c.type === 2) {
      const link = c.style === LINK_STYLE;
      if (link && typeof c.url !== 'string') out.push({ path: [...path, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
      if (link && typeof c.url === 'string' && c.url.length > 512) out.push({ path: [...path, 'url'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be 512 or fewer in length.' });
      if (link) schemeErrors(c.url, [...path, 'url'], ['http', 'https', 'discord'], out);
      if (!link && c.style !== PREMIUM_STYLE && typeof c.custom_id !== 'string') {
        out.push({ path: [...path, 'custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
      }
      // A button shows a label, an emoji, or both; Discord refuses one with neither.
      if (c.style !== PREMIUM_STYLE && length(c.label) === 0 && !asObject(c.emoji)) {
        out.push({ path: [...path, 'label'], code: 'BUTTON_COMPONENT_INVALID', message: 'A button needs a label or an emoji.' });
      }
      if (link && c.custom_id !== undefined && c.custom_id !== null) {
        out.push({ path: [...path, 'custom_id'], code: 'BUTTON_COMPONENT_LINK_HAS_CUSTOM_ID', message: 'A link button cannot have a custom id.' });
      }
    }
    if (c.type === 1) {
      const inner = asArray(c.components);
      const selects = inner.filter((i) => [3, 5, 6, 7, 8].includes(Number(asObject(i)?.type)));
      if (selects.length > 0 && inner.length > 1) {
        out.push({ path: [...path, 'components'], code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'A select menu must be alone in its action row.' });
      }
    }
    asArray(c.components).forEach((inner, i) => visit(inner, [...path, 'components', i]));
    if (c.component) visit(c.component, [...path, 'component']);
    if (c.accessory) visit(c.accessory, [...path, 'accessory']);
  };
  components.forEach((c, i) => visit(c, [...base, 'components', i]));
}

/** Limits on a message body (create, edit, interaction response, webhook); `base` prefixes reported paths. */
export function messageLimitErrors(value: unknown, base: FieldPath = []): FieldError[] {
  const body = asObject(value);
  if (!body) return [];
  const out: FieldError[] = [];
  if (length(body.content) > 2000) out.push(tooLong([...base, 'content'], 2000));
  const embeds = asArray(body.embeds);
  const total = embeds.reduce<number>((sum, e) => sum + embedTotal(asObject(e) ?? {}), 0);
  if (total > MAX_EMBED_TOTAL) {
    out.push({ path: [...base, 'embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL}` });
  }
  // An embed field's name and value must not be empty (the schema allows "").
  embeds.forEach((e, i) =>
    asArray(asObject(e)?.fields).forEach((f, j) => {
      for (const key of ['name', 'value'] as const) {
        const text = asObject(f)?.[key];
        if (typeof text === 'string' && text.trim() === '') out.push({ path: [...base, 'embeds', i, 'fields', j, key], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
      }
    }),
  );
  embeds.forEach((e, i) => embedUrlErrors(asObject(e) ?? {}, [...base, 'embeds', i], out));
  componentErrors(body, base, out);
  return out;
}

export function modalLimitErrors(value: unknown, base: FieldPath): FieldError[] {
  const body = asObject(value);
  if (!body) return [];
  const components = asArray(body.components);
  return components.length > 5 ? [tooLong([...base, 'components'], 5)] : [];
}

export function autocompleteLimitErrors(value: unknown, base: FieldPath): FieldError[] {
  const out: FieldError[] = [];
  asArray(asObject(value)?.choices).forEach((choice, i) => {
    const c = asObject(choice);
    if (typeof c?.value === 'string' && length(c.value) > 100) out.push(tooLong([...base, 'choices', i, 'value'], 100));
    if (c?.value === '') out.push({ path: [...base, 'choices', i, 'value'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
  });
  return out;
}

// Discord's documented pattern for command and option names; chat-input names must also be lowercase.
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function nameErrors(name: unknown, path: FieldPath, out: FieldError[]): void {
  if (typeof name !== 'string') return;
  if (!NAME.test(name)) out.push({ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  else if (name !== name.toLowerCase()) out.push({ path, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name must be lowercase.' });
}

function countText(option: Json): number {
  let total = length(option.name) + length(option.description);
  for (const choice of asArray(option.choices)) {
    const c = asObject(choice);
    total += length(c?.name) + (typeof c?.value === 'string' ? length(c.value) : String(c?.value ?? '').length);
  }
  for (const inner of asArray(option.options)) total += countText(asObject(inner) ?? {});
  return total;
}

function optionErrors(options: unknown[], path: FieldPath, depth: number, out: FieldError[]): void {
  const names = new Set<string>();
  let seenOptional = false;
  const kinds = options.map((o) => Number(asObject(o)?.type));
  if (kinds.some((k) => k === 1 || k === 2) && kinds.some((k) => k !== 1 && k !== 2)) {
    out.push({ path, code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Subcommands cannot be mixed with other options.' });
  }
  options.forEach((raw, i) => {
    const option = asObject(raw) ?? {};
    const at: FieldPath = [...path, i];
    nameErrors(option.name, [...at, 'name'], out);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) out.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique.' });
      names.add(option.name);
    }
    const type = Number(option.type);
    if ((type === 2 && depth > 0) || (type === 1 && depth > 1)) {
      out.push({ path: [...at, 'type'], code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Subcommands and groups cannot nest this deep.' });
    }
    if (type > 2) {
      if (option.required === true && seenOptional) {
        out.push({ path: [...at, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
      }
      if (option.required !== true) seenOptional = true;
    }
    if (option.autocomplete === true && asArray(option.choices).length > 0) {
      out.push({ path: [...at, 'autocomplete'], code: 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', message: 'Autocomplete cannot be set with choices.' });
    }
    asArray(option.choices).forEach((choice, j) => {
      const value = asObject(choice)?.value;
      if (typeof value === 'string' && length(value) > 100) out.push(tooLong([...at, 'choices', j, 'value'], 100));
    });
    optionErrors(asArray(option.options), [...at, 'options'], type === 1 || type === 2 ? depth + 1 : depth, out);
  });
}

/** Limits on one command definition (`POST`) or each entry of a bulk overwrite (`PUT`). */
export function commandLimitErrors(value: unknown, base: FieldPath = []): FieldError[] {
  const command = asObject(value);
  if (!command) return [];
  const out: FieldError[] = [];
  const chatInput = command.type === undefined || command.type === null || command.type === 1;
  if (chatInput) {
    nameErrors(command.name, [...base, 'name'], out);
    if (length(command.description) === 0) out.push({ path: [...base, 'description'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    optionErrors(asArray(command.options), [...base, 'options'], 0, out);
    if (countText(command) > 4000) {
      out.push({ path: base, code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (4000)' });
    }
  }
  return out;
}

export function commandListErrors(value: unknown): FieldError[] {
  const list = asArray(value);
  const out: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((raw, i) => {
    const command = asObject(raw) ?? {};
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (seen.has(key)) out.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` });
    seen.add(key);
    out.push(...commandLimitErrors(command, [i]));
  });
  const chatInputs = list.filter((c) => [undefined, null, 1].includes(asObject(c)?.type as number | undefined)).length;
  if (chatInputs > 100) out.push(tooLong([], 100));
  return out;
}
