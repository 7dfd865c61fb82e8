import { describe, expect, test } from "bun:test";
import { listenFailure } from "../../src/cli/listen-failure.ts";
import { DaemonError } from "../../src/errors.ts";

/** An Error carrying a system error code, as Bun's listen throws it. */
function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: listen failed`), { code });
}

function message(err: unknown): string {
  if (!(err instanceof DaemonError)) throw new Error("expected a DaemonError");
  return err.message;
}

describe("listenFailure", () => {
  test("says a foreign HOST is not an address of this machine and what to set", () => {
    const text = message(listenFailure(systemError("EADDRNOTAVAIL"), "fdcc:cc::1", 3456));
    expect(text).toBe(
      "cannot listen on [fdcc:cc::1]:3456: fdcc:cc::1 is not an address of this machine; set HOST in config.json (or --host) to one of its addresses, or 0.0.0.0 for all",
    );
  });

  test("says a privileged port needs privileges and suggests another", () => {
    expect(message(listenFailure(systemError("EACCES"), "127.0.0.1", 80))).toContain("cannot listen on 127.0.0.1:80: permission denied");
  });

  test("passes other errors through unchanged", () => {
    const other = new Error("disk full");
    expect(listenFailure(other, "127.0.0.1", 3456)).toBe(other);
    expect(listenFailure("text", "127.0.0.1", 3456)).toBe("text");
  });
});
