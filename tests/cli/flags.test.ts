import { describe, expect, test } from "bun:test";
import { parseFlags, type FlagSpec } from "../../src/cli/flags.ts";
import { UsageError } from "../../src/cli/usage-error.ts";

const specs = [
  { name: "port", type: "port", short: "p", description: "port" },
  { name: "host", type: "string", description: "host" },
  { name: "verbose", type: "boolean", description: "verbose" },
] as const satisfies readonly FlagSpec[];

function errorOf(args: string[]): string {
  try {
    parseFlags(args, specs);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error(`parseFlags accepted ${JSON.stringify(args)}`);
}

describe("parseFlags", () => {
  test("reads a value from the next argument or after an equals sign", () => {
    expect(parseFlags(["--port", "3456", "--host=0.0.0.0"], specs).flags).toEqual({ port: 3456, host: "0.0.0.0" });
  });

  test("reads the one-letter alias of a flag", () => {
    expect(parseFlags(["-p", "80"], specs).flags.port).toBe(80);
  });

  test("sets a boolean flag without consuming the next argument", () => {
    expect(parseFlags(["--verbose", "file.txt"], specs)).toEqual({ flags: { verbose: true }, positionals: ["file.txt"] });
  });

  test("treats everything after -- as positional arguments", () => {
    expect(parseFlags(["--", "--port", "1"], specs)).toEqual({ flags: {}, positionals: ["--port", "1"] });
  });

  test("accepts the whole port range including 0 for a free port", () => {
    expect(parseFlags(["--port", "0"], specs).flags.port).toBe(0);
    expect(parseFlags(["--port", "65535"], specs).flags.port).toBe(65535);
  });

  test.each(["abc", "65536", "-1", "3.5", "", "1e3"])("rejects %p as a port with the expected range", (raw) => {
    expect(errorOf([`--port=${raw}`])).toBe(`--port: expected an integer from 0 to 65535, got "${raw}"`);
  });

  test("names the nearest known flag when a flag is misspelled", () => {
    expect(errorOf(["--prot", "1"])).toBe('unknown flag "--prot", did you mean "--port"?');
  });

  test("gives no suggestion when no flag is close", () => {
    expect(errorOf(["--zzzzzz"])).toBe('unknown flag "--zzzzzz"');
  });

  test("reports a value flag given without its value", () => {
    expect(errorOf(["--host"])).toBe("--host: expected a value");
    expect(errorOf(["--host", "--verbose"])).toBe("--host: expected a value");
  });

  test("refuses a value on a boolean flag", () => {
    expect(errorOf(["--verbose=yes"])).toBe('--verbose: takes no value, got "yes"');
  });
});
