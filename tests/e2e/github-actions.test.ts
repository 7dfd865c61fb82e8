// examples/github-actions/claude-code.yml, step by step as a runner would run it: install.sh from a local release
// server, `ccr start` with the config from env only, the real Claude Code CLI through ccr, `ccr stop`; CI=true, no TTY.
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readPidFile } from "../../src/daemon/pidfile.ts";
import { freePort } from "../helpers/ccr-server.ts";
import { CLAUDE, tempDir } from "../helpers/claude-cli.ts";
import { compiledBinary } from "../helpers/compiled-binary.ts";
import { asRecord, chatCompletion, chatMessages, textStream, toolCallStream } from "../helpers/openai-chunks.ts";
import { startOpenAiUpstream, type RecordedRequest, type UpstreamReply } from "../helpers/openai-upstream.ts";

const ROOT = resolve(import.meta.dir, "../..");
const WORKFLOW = join(ROOT, "examples/github-actions/claude-code.yml");
const HOST_FILE = `ccr-${process.platform === "darwin" ? "darwin" : "linux"}-${process.arch === "arm64" ? "arm64" : "x64"}`;
const SECRET = "sk-ci-provider-secret";
const PROMPT = "Create notes.txt saying hello";
const FINAL_TEXT = "Created notes.txt for you.";
/** The step a runner needs and this machine already has: Claude Code comes from node_modules here. */
const SKIPPED_STEP = /^npm install -g @anthropic-ai\/claude-code\s*$/;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

interface StepRun {
  name: string;
  code: number;
  output: string;
}

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** GitHub's `${{ secrets.X }}` / `${{ inputs.x }}` expressions; anything else is a test error. */
function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the workflow uses \${{ ${name} }}, which this test does not provide`);
    return value;
  });
}

function workflow(): { env: Record<string, string>; steps: Step[] } {
  // Bun.YAML returns unknown-shaped data; the example's shape is fixed and asserted by the steps below.
  const doc = Bun.YAML.parse(readFileSync(WORKFLOW, "utf8")) as { jobs: { claude: { env: Record<string, string>; steps: Step[] } } };
  return doc.jobs.claude;
}

/** Turn 1: a Write call into the workspace; once its result is back (or for side requests): the closing text. */
function upstreamScript(workspace: string) {
  return (req: RecordedRequest): UpstreamReply => {
    const body = asRecord(req.body);
    const tools = Array.isArray(body?.tools) && body.tools.length > 0;
    const answered = chatMessages(req.body).some((m) => m.role === "tool");
    if (!tools || answered) return body?.stream === true ? { sse: textStream(FINAL_TEXT) } : { json: chatCompletion({ content: FINAL_TEXT }) };
    const call = { id: "call_ciWrite01", name: "Write", args: { file_path: join(workspace, "notes.txt"), content: "hello\n" } };
    return { sse: toolCallStream([call], { splitArgsInto: 3 }) };
  };
}

/** A local stand-in for the GitHub release: install.sh and this machine's binary under latest/download/. */
async function releaseServer(): Promise<string> {
  const binary = await compiledBinary();
  const files: Record<string, string> = { "install.sh": join(ROOT, "scripts/install.sh"), [HOST_FILE]: binary };
  const sha = new Bun.CryptoHasher("sha256").update(await Bun.file(binary).bytes()).digest("hex");
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const name = new URL(req.url).pathname.replace(/^\/releases\/latest\/download\//, "");
      if (name === `${HOST_FILE}.sha256`) return new Response(`${sha}  ${HOST_FILE}\n`);
      const file = files[name];
      return file === undefined ? new Response("Not Found", { status: 404 }) : new Response(Bun.file(file));
    },
  });
  cleanup.push(async () => void server.stop(true));
  return `${server.url.origin}/releases`;
}

/** Runs one `run:` script as GitHub does (`bash -eo pipefail`), without a terminal; GITHUB_PATH lines join PATH after. */
async function runStep(step: Step, env: Record<string, string>, cwd: string): Promise<StepRun> {
  const proc = Bun.spawn(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.run ?? ""], {
    cwd,
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 90_000);
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { name: step.name ?? "", code, output: `${out}${err}` };
}

describe("the GitHub Actions example", () => {
  test("installs ccr, starts it from env-only config, runs Claude Code through it and stops it", async () => {
    const home = await tempDir("ccr-gha-home-", cleanup);
    const workspace = await tempDir("ccr-gha-workspace-", cleanup);
    const tools = await tempDir("ccr-gha-tools-", cleanup);
    symlinkSync(CLAUDE, join(tools, "claude"));
    const upstream = startOpenAiUpstream(upstreamScript(workspace));
    cleanup.push(() => upstream.stop());
    const base = await releaseServer();
    const githubPath = join(home, "github_path");
    writeFileSync(githubPath, "");
    const job = workflow();
    const values = { "secrets.DEEPSEEK_API_KEY": SECRET, "inputs.prompt": PROMPT };
    let env: Record<string, string> = {
      HOME: home,
      PATH: `${tools}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_PATH: githubPath,
      GITHUB_WORKSPACE: workspace,
      // This machine's stand-ins: the release server, a free port, the scripted upstream behind the deepseek preset.
      CCR_INSTALL_BASE: base,
      SERVICE_PORT: String(freePort()),
      CCR_BASE_URL: upstream.chatUrl,
      // No internet here: Claude Code must not try to update itself or phone home.
      DISABLE_AUTOUPDATER: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      ...Object.fromEntries(Object.entries(job.env).map(([k, v]) => [k, expand(String(v), values)])),
    };
    cleanup.push(async () => stopLeftover({ ...env, PATH: `${join(home, ".local/bin")}:${env.PATH}` }));
    const runs: StepRun[] = [];
    const skipped: string[] = [];
    for (const step of job.steps) {
      if (step.run === undefined || SKIPPED_STEP.test(step.run)) {
        skipped.push(step.uses ?? step.run ?? "");
        continue;
      }
      const script = expand(step.run, values).replace(/https:\/\/github\.com\/[^/\s]+\/ccr\/releases/g, base);
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), values)]));
      const run = await runStep({ ...step, run: script }, { ...env, ...stepEnv }, workspace);
      runs.push(run);
      if (run.code !== 0) break;
      const added = readFileSync(githubPath, "utf8").split("\n").filter((l) => l !== "");
      env = { ...env, PATH: [...added.reverse(), env.PATH].join(":") };
    }
    const report = runs.map((r) => `--- ${r.name} (exit ${r.code})\n${r.output.trim()}`).join("\n");
    expect(skipped).toEqual(["actions/checkout@v4", "npm install -g @anthropic-ai/claude-code"]);
    expect({ steps: runs.map((r) => `${r.name}: ${r.code}`), report }).toEqual({
      steps: ["Install ccr: 0", "Start ccr: 0", "Run Claude Code through ccr: 0", "Stop ccr: 0"],
      report,
    });
    expect(runs[0]?.output).toContain(`installed ${join(home, ".local/bin/ccr")}: ccr `);
    expect(runs[2]?.output).toContain(FINAL_TEXT);
    expect(readFileSync(join(workspace, "notes.txt"), "utf8")).toBe("hello\n");
    // The provider key came from the secret, through CCR_API_KEY, to the upstream.
    expect(upstream.requests.length).toBeGreaterThan(0);
    expect(upstream.requests.every((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
    // CI mode: no colours, no spinner frames, in any step's output.
    expect(report).not.toMatch(/\x1b\[/);
    expect(readPidFile({ HOME: home })).toBeUndefined();
    expect(await fetch(`http://127.0.0.1:${env.SERVICE_PORT}/health`).catch(() => undefined)).toBeUndefined();
  }, 180_000);
});

/** If the test failed between start and stop, the detached server must not outlive it. */
async function stopLeftover(env: Record<string, string>): Promise<void> {
  const ccr = join(env.HOME ?? "", ".local/bin/ccr");
  if (existsSync(ccr)) await Bun.spawn([ccr, "stop"], { env, stdin: "ignore", stdout: "ignore", stderr: "ignore" }).exited;
  const left = readPidFile(env);
  if (left !== undefined) {
    try {
      process.kill(left.pid, "SIGKILL");
    } catch (err) {
      // Already gone between the check and the kill.
      if (!(err instanceof Error && "code" in err && err.code === "ESRCH")) throw err;
    }
  }
}
