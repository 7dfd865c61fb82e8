import { describe, expect, test } from "bun:test";
import { closest, editDistance } from "../../src/cli/closest.ts";

describe("editDistance", () => {
  test("counts insertions, deletions and substitutions", () => {
    expect(editDistance("serve", "serve")).toBe(0);
    expect(editDistance("serv", "serve")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  test("counts a swap of neighbouring characters as one edit", () => {
    expect(editDistance("--prot", "--port")).toBe(1);
  });
});

describe("closest", () => {
  test("picks the nearest candidate", () => {
    expect(closest("servr", ["serve", "version", "help"])).toBe("serve");
    expect(closest("--verison", ["--version", "-v", "--help"])).toBe("--version");
  });

  test("suggests nothing when every candidate is far away", () => {
    expect(closest("deploy", ["serve", "version", "help"])).toBeUndefined();
  });

  test("suggests nothing when half of a short word would have to change", () => {
    expect(closest("bogus", ["logs", "init", "stop"])).toBeUndefined();
    expect(closest("stat", ["start", "status"])).toBe("start");
    expect(closest("--jsn", ["--json", "--help"])).toBe("--json");
    expect(closest("-V", ["-v", "--version"])).toBe("-v");
  });
});
