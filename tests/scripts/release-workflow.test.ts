// The release workflow cannot run here; these checks keep it in step with the build, CI and the installer.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

function releaseJob(): { on: unknown; steps: Step[] } {
  // Bun.YAML returns unknown-shaped data; the fields read below are asserted one by one.
  const doc = Bun.YAML.parse(readFileSync(join(ROOT, ".github/workflows/release.yml"), "utf8")) as {
    on: unknown;
    jobs: { release: { steps: Step[] } };
  };
  return { on: doc.on, steps: doc.jobs.release.steps };
}

describe("the release workflow", () => {
  test("runs on v* tags with the Bun version CI uses, a frozen install and every target", () => {
    const { on, steps } = releaseJob();
    expect(on).toEqual({ push: { tags: ["v*"] } });
    const ciBun = /^BUN_VERSION="([^"]+)"/m.exec(readFileSync(join(ROOT, ".ci/run"), "utf8"))?.[1];
    const setup = steps.find((s) => s.uses?.startsWith("oven-sh/setup-bun@"));
    expect(String(setup?.with?.["bun-version"])).toBe(ciBun ?? "missing in .ci/run");
    const runs = steps.flatMap((s) => (s.run === undefined ? [] : [s.run.trim()]));
    expect(runs).toContain("bun install --frozen-lockfile");
    expect(runs).toContain("bun run build --all");
  });

  test("attaches the binaries with their checksums, the manifest and install.sh", () => {
    const upload = releaseJob().steps.find((s) => s.uses?.startsWith("softprops/action-gh-release@"));
    const files = String(upload?.with?.files ?? "").split("\n").map((l) => l.trim()).filter((l) => l !== "");
    expect(files).toEqual(["dist/ccr-*", "dist/manifest.json", "scripts/install.sh"]);
    expect(upload?.with?.fail_on_unmatched_files).toBe(true);
  });
  test("refuses a tag that is not v<package.json version>, saying which version to tag", () => {
    const step = releaseJob().steps.find((s) => s.name?.startsWith("The tag matches package.json"));
    const version: unknown = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    // GitHub runs `run:` scripts with bash -e; bun is on PATH here as it is after setup-bun.
    const runStep = (tag: string) => {
      const proc = Bun.spawnSync(["bash", "-e", "-c", step?.run ?? "exit 99"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", GITHUB_REF_NAME: tag },
        stdout: "pipe",
        stderr: "pipe",
      });
      return { code: proc.exitCode, out: proc.stdout.toString() };
    };
    expect(runStep(`v${version}`)).toEqual({ code: 0, out: "" });
    expect(runStep("v9.9.9")).toEqual({
      code: 1,
      out: `::error::tag v9.9.9 does not match package.json's version ${version}: tag v${version} instead\n`,
    });
    expect(runStep(String(version)).code).toBe(1);
  });
});
