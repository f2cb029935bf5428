// One bad piece of an input file (a JSON row, a CSV line, a Parquet row, or the file itself) and its one-line form,
// shared by every loader so each names the file, the place, the field and the value the same way.
import { showValue } from "./field-issue.js";

export interface InputIssue {
  /** File name (or path) as the user gave it. */
  file: string;
  /** 0-based index of the row in a JSON array or Parquet file; absent for CSV lines and whole-file issues. */
  row?: number;
  /** 1-based line of a text (CSV) file. */
  line?: number;
  /** Field (column, property) at fault; "(file)" when the whole file is. */
  field: string;
  /** The offending value, when there is one. */
  value?: unknown;
  message: string;
  /** What was done instead of skipping the piece (e.g. "the market's end stays unset"); absent: it was skipped. */
  kept?: string;
  /** Pieces this issue stands for (a summary of issues not listed one by one); absent: 1. */
  count?: number;
}

/** `file row 7: size = "ten": expected a number` (row / line / nothing for the whole file; value when known). */
export function formatInputIssue(i: InputIssue): string {
  const where = i.row !== undefined ? ` row ${i.row}` : i.line !== undefined ? ` line ${i.line}` : "";
  const shown = "value" in i ? showValue(i.value) : "";
  const value = shown ? ` = ${shown}` : "";
  return `${i.file}${where}: ${i.field}${value}: ${i.message}`;
}
