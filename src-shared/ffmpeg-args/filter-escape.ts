/**
 * Escaping text for ffmpeg filtergraphs, which read a value through up to three unescaping passes:
 *   1. drawtext's own text expansion ('\x' and '%{…}'), only for drawtext's `text`;
 *   2. the filter's option list (`key=value:key=value`), where ':' ends a value;
 *   3. the filtergraph (`filter=args,filter=args;…`), where ',', ';', '[' and ']' end a filter.
 * Passes 2 and 3 both treat '\' and "'" as escapes and drop unescaped whitespace at either end. Values go through these
 * functions innermost pass first; `filterOptionValue` does passes 2 and 3 together, which is what a builder needs.
 * Backslash escaping rather than quoting: a quoted value cannot contain a quote, and a camera name or a Windows user
 * folder can.
 */

const WHITESPACE = /\s/;

/** Characters a filter option value must escape: ':' separates options; '\' and "'" are its escapes. */
const OPTION_SPECIALS = new Set(['\\', "'", ':']);
/** Characters a filter's argument string must escape inside a filtergraph. */
const GRAPH_SPECIALS = new Set(['\\', "'", '[', ']', ',', ';']);
/** Characters an argument inside drawtext's `%{name:arg:arg}` must escape. */
const DRAWTEXT_ARGUMENT_SPECIALS = new Set(['\\', "'", ':', '}']);

function requireNoNul(value: string): void {
  if (value.includes('\0')) throw new RangeError('ffmpeg filter values cannot contain a NUL character.');
}

/**
 * Puts '\' before every special character, and before whitespace at either end, which ffmpeg's tokenizer would
 * otherwise trim.
 */
function backslashEscape(value: string, specials: ReadonlySet<string>): string {
  requireNoNul(value);
  const characters = [...value];
  const firstKept = characters.findIndex((character) => !WHITESPACE.test(character));
  const lastKept = characters.findLastIndex((character) => !WHITESPACE.test(character));
  return characters
    .map((character, index) => {
      const atEdge = index < firstKept || index > lastKept;
      return specials.has(character) || (atEdge && WHITESPACE.test(character)) ? `\\${character}` : character;
    })
    .join('');
}

/** Pass 2: one value in a filter's `key=value:key=value` option list. */
export function escapeFilterOptionValue(value: string): string {
  return backslashEscape(value, OPTION_SPECIALS);
}

/** Pass 3: a filter's whole argument string (`key=value:…`) inside a filtergraph. */
export function escapeFilterGraphArgs(args: string): string {
  return backslashEscape(args, GRAPH_SPECIALS);
}

/** Passes 2 and 3: what follows `key=` in a filtergraph string, e.g. a font path or a drawtext text. */
export function filterOptionValue(value: string): string {
  return escapeFilterGraphArgs(escapeFilterOptionValue(value));
}

/** Pass 1 for literal text: drawtext must print it as written, not read '%' or '\' as expansion. */
export function escapeDrawtextLiteral(text: string): string {
  requireNoNul(text);
  return text.replace(/[\\%]/g, (character) => `\\${character}`);
}

/** Pass 1 for one argument of a drawtext function such as `%{pts:gmtime:0:<format>}`. */
export function escapeDrawtextFunctionArgument(argument: string): string {
  return backslashEscape(argument, DRAWTEXT_ARGUMENT_SPECIALS);
}
