// parseJsonText: a byte-order mark is not JSON; a syntax error says what and where, and never quotes the text (a
// config or wallet file may hold a secret, and V8's own message carries an excerpt of it).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseJsonText } from "../../../src/core/json-text.js";

const problem = (text: string): string => {
  try {
    parseJsonText(text);
  } catch (e) {
    return (e as Error).message;
  }
  return "parsed";
};

describe("parseJsonText", () => {
  it("reads JSON after a byte-order mark", () => {
    expect(parseJsonText('\uFEFF{"a": [1]}')).toEqual({ a: [1] });
  });

  it("names the error and its line and column", () => {
    expect(problem('{\n  "bankroll": 100,\n  "privateKey": ab12SUPERSECRET\n}')).toBe("unexpected character at line 3 column 17");
    expect(problem('{"a": 1,}')).toBe("expected a property name in double quotes at line 1 column 9");
    expect(problem("[1, 2 3]")).toBe("expected ',' at line 1 column 7");
    expect(problem("")).toBe("expected a value at line 1 column 1");
    expect(problem("// note\n{}")).toBe("comments are not JSON at line 1 column 1");
  });

  it("never quotes the text, whatever is broken in it (seeded random)", () => {
    const secret = "S3CR3T";
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom("}", ",", "x", '"', "\u0001", "[", ":"), (json, at, junk) => {
        const text = json.slice(0, at % (json.length + 1)) + junk + `"${secret}"` + json.slice(at % (json.length + 1));
        const m = problem(text);
        if (m === "parsed") return;
        expect(m).not.toContain(secret);
        expect(m).toMatch(/ at line \d+ column \d+$/);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
