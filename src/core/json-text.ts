// JSON as people save it: a UTF-8 byte-order mark (Windows editors, some exporters) is not part of the JSON, and an
// API page may be saved whole ({ data: [...] }). Pure: callers read the file and report errors with its name.
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** The rows of a parsed JSON response: an array itself, or a saved paged response `{ data: [...] }`; else undefined. */
export function pageRows(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (data !== null && typeof data === "object" && Array.isArray((data as { data?: unknown }).data)) return (data as { data: unknown[] }).data;
  return undefined;
}

/**
 * JSON.parse after dropping a leading byte-order mark (U+FEFF). A syntax error says what and where (line, column)
 * but never quotes the text: V8 puts an excerpt in its message, and a config or wallet file may hold a secret.
 */
export function parseJsonText(text: string): unknown {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(t);
  } catch {
    throw new SyntaxError(jsonSyntaxProblem(t));
  }
}

/** The first syntax error of text JSON.parse refused, by jsonc-parser (strict: no comments, no trailing commas). */
function jsonSyntaxProblem(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const e = errors[0];
  if (e === undefined) return "not valid JSON"; // (what JSON.parse refuses that jsonc-parser takes: none known)
  const before = text.slice(0, e.offset);
  const line = before.split("\n").length;
  const column = e.offset - before.lastIndexOf("\n");
  return `${WHAT[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)} at line ${line} column ${column}`;
}

/** jsonc-parser's error codes in words. */
const WHAT: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "bad number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "unexpected text after the value",
  InvalidCommentToken: "comments are not JSON",
  UnexpectedEndOfComment: "comments are not JSON",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "bad \\u escape",
  InvalidEscapeCharacter: "bad escape character",
  InvalidCharacter: "control character in a string",
};
