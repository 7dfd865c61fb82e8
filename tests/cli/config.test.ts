import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/run-cli.ts";
import { fakeIo } from "../helpers/fake-io.ts";

const homes: string[] = [];

/** A temp CCR_HOME, with a config.json holding `text` when given. */
function home(text?: string): { HOME: string; CCR_HOME: string } {
  const dir = mkdtempSync(join(tmpdir(), "ccr-cli-config-"));
  homes.push(dir);
  if (text !== undefined) writeFileSync(join(dir, "config.json"), text);
  return { HOME: dir, CCR_HOME: dir };
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  const fake = fakeIo({ env });
  const code = await runCli(["config", ...argv], fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LITERAL_KEY = "sk-literal-0123456789WXYZ";
const RESOLVED_DEEPSEEK_KEY = "sk-from-env-SHOULD-NEVER-PRINT-42";

const validConfig = JSON.stringify({
  Providers: [
    {
      name: "local",
      api_base_url: "http://127.0.0.1:9/v1/chat/completions",
      api_key: LITERAL_KEY,
      models: ["m"],
      transformer: { use: [["maxtoken", { max_tokens: 8192 }]] },
    },
    {
      name: "deepseek",
      api_base_url: "https://api.deepseek.com/chat/completions",
      api_key: "$DEEPSEEK_API_KEY",
      models: ["deepseek-chat", "deepseek-reasoner"],
      transformer: { use: ["deepseek"], "deepseek-chat": { use: ["tooluse"] } },
    },
  ],
  Router: { default: "deepseek,deepseek-chat", think: "deepseek,deepseek-reasoner", background: "local,m" },
});

describe("ccr config path", () => {
  test("prints the config file inside CCR_HOME and exits 0", async () => {
    const env = home();
    const { code, stdout, stderr } = await cli(["path"], env);
    expect(code).toBe(0);
    expect(stdout).toBe(`${join(env.CCR_HOME ?? "", "config.json")}\n`);
    expect(stderr).toBe("");
  });
});

describe("ccr config validate", () => {
  test("reports the path, provider and route counts and each warning, and exits 0", async () => {
    const env = { ...home(`// my config\n${validConfig.replace(/^\{/, '{ "Surprise": 1,')}`), DEEPSEEK_API_KEY: "k" };
    const { code, stdout, stderr } = await cli(["validate"], env);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const [first, ...rest] = stdout.trimEnd().split("\n");
    expect(first).toBe(`config OK: ${join(env.CCR_HOME, "config.json")} (2 providers, 3 routes)`);
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatch(/^warning: .*unknown key "Surprise"/);
  });

  test("lists every problem with its key path on stderr and exits 1", async () => {
    const env = home(
      JSON.stringify({
        Providers: [{ name: "local", api_key: "k", models: ["m"] }],
        Router: { default: "nowhere,m" },
      }),
    );
    const { code, stdout, stderr } = await cli(["validate"], env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toStartWith(`Invalid config at ${join(env.CCR_HOME, "config.json")}:\n`);
    expect(stderr).toMatch(/^ {2}Providers\[0\]\.api_base_url: /m);
    expect(stderr).toMatch(/^ {2}Router\.default: .*nowhere/m);
  });

  test("says where it looked and how to create the file when there is none, on one line, and exits 1", async () => {
    const env = home();
    const { code, stdout, stderr } = await cli(["validate"], env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toContain(join(env.CCR_HOME, "config.json"));
    expect(stderr).toContain('create one with "ccr init"');
  });
});

describe("ccr config show", () => {
  test("prints the document as written with secrets masked, never a resolved variable", async () => {
    const env = { ...home(`{ /* keys below */ ${validConfig.slice(1)}`), DEEPSEEK_API_KEY: RESOLVED_DEEPSEEK_KEY };
    const { code, stdout, stderr } = await cli(["show"], env);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).not.toContain(RESOLVED_DEEPSEEK_KEY);
    expect(stdout).not.toContain(LITERAL_KEY);
    const shown = JSON.parse(stdout);
    expect(shown.Providers[0].api_key).toBe("****WXYZ");
    expect(shown.Providers[1].api_key).toBe("$DEEPSEEK_API_KEY");
    expect(shown.Providers[0].transformer).toEqual({ use: [["maxtoken", { max_tokens: 8192 }]] });
    expect(shown.Providers[1].transformer).toEqual({ use: ["deepseek"], "deepseek-chat": { use: ["tooluse"] } });
    expect(shown.Router).toEqual({ default: "deepseek,deepseek-chat", think: "deepseek,deepseek-reasoner", background: "local,m" });
    expect(stdout).toBe(`${JSON.stringify(shown, null, 2)}\n`);
  });

  test("still shows an invalid document masked, with its problems on stderr, and exits 1", async () => {
    const env = home(JSON.stringify({ Providers: [{ name: "local", api_key: LITERAL_KEY, models: ["m"] }] }));
    const { code, stdout, stderr } = await cli(["show"], env);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ Providers: [{ name: "local", api_key: "****WXYZ", models: ["m"] }] });
    expect(stderr).toMatch(/^ {2}Providers\[0\]\.api_base_url: /m);
    expect(stderr).not.toContain(LITERAL_KEY);
  });

  test("reports a document that is not JSONC with its line and column, prints nothing, and exits 1", async () => {
    const env = home('{\n  "Providers": [ }');
    const { code, stdout, stderr } = await cli(["show"], env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`Cannot parse ${join(env.CCR_HOME, "config.json")} (line 2`);
  });

  test("says where it looked when there is no config file, and exits 1", async () => {
    const env = home();
    const { code, stdout, stderr } = await cli(["show"], env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(join(env.CCR_HOME, "config.json"));
  });
});

describe("ccr config without a file, configured by CCR_* variables", () => {
  test("validate accepts the environment's config and says where it came from", async () => {
    const env = { ...home(), CCR_PROVIDER: "deepseek", CCR_API_KEY: RESOLVED_DEEPSEEK_KEY };
    const { code, stdout, stderr } = await cli(["validate"], env);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe("config OK: built from the environment (CCR_PROVIDER, CCR_BASE_URL, CCR_MODEL, ...) (1 provider, 1 route)\n");
  });

  test("show prints the environment's config with the key as a reference, never its value", async () => {
    const env = { ...home(), CCR_PROVIDER: "deepseek", CCR_API_KEY: RESOLVED_DEEPSEEK_KEY, CCR_MODEL: "deepseek-reasoner" };
    const { code, stdout, stderr } = await cli(["show"], env);
    expect(code).toBe(0);
    expect(stderr).toContain(`no config file at ${join(env.CCR_HOME, "config.json")}; showing the one built from the environment`);
    expect(stdout).not.toContain(RESOLVED_DEEPSEEK_KEY);
    const shown = JSON.parse(stdout);
    expect(shown.Providers[0]).toMatchObject({ name: "deepseek", api_key: "$CCR_API_KEY", models: ["deepseek-reasoner"] });
    expect(shown.Router).toEqual({ default: "deepseek,deepseek-reasoner" });
  });

  test("validate and show name the wrong variable and exit 1", async () => {
    const env = { ...home(), CCR_PROVIDER: "mystery", CCR_BASE_URL: "api.example.com/v1", CCR_MODEL: "m" };
    for (const sub of ["validate", "show"]) {
      const { code, stdout, stderr } = await cli([sub], env);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        'Invalid config from the environment (there is no config file):\n  env CCR_BASE_URL: expected an http:// or https:// URL, got "api.example.com/v1"\n',
      );
    }
  });
});

describe("ccr config", () => {
  test("asks for a subcommand when given none", async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("ccr config: missing subcommand: expected one of path, validate, show\n");
  });

  test("suggests the closest subcommand for a misspelled one", async () => {
    const { code, stderr } = await cli(["valdiate"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr config: unknown subcommand "valdiate", did you mean "validate"?\n');
  });

  test("lists the subcommands when nothing is close", async () => {
    const { code, stderr } = await cli(["deploy"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr config: unknown subcommand "deploy" (expected one of path, validate, show)\n');
  });

  test("refuses extra arguments after the subcommand", async () => {
    const { code, stderr } = await cli(["path", "extra"]);
    expect(code).toBe(1);
    expect(stderr).toBe('ccr config: unexpected argument "extra" (see "ccr config --help")\n');
  });
});
