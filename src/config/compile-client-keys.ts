// Compiles `APIKEY` (one string, or a list of named client keys with limits) into the keys the server accepts.
import type { ConfigIssue } from "../errors.ts";
import type { ClientKey } from "./compiled.ts";
import type { ConfigInput } from "./schema.ts";

/** The accepted keys and the problems found (duplicate names or keys, routes naming unknown providers). */
export function compileClientKeys(input: ConfigInput["APIKEY"], providers: ReadonlySet<string>): { keys: ClientKey[]; issues: ConfigIssue[] } {
  if (input === undefined || input === "") return { keys: [], issues: [] };
  if (typeof input === "string") {
    return { keys: [{ name: "default", named: false, key: input, routes: undefined, rpm: undefined, tpm: undefined, dailyBudget: undefined, admin: true }], issues: [] };
  }
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  const secrets = new Set<string>();
  const keys = input.map((entry, i): ClientKey => {
    if (names.has(entry.name)) issues.push({ path: `APIKEY[${i}].name`, message: `duplicate key name "${entry.name}"` });
    // The message must not echo the key itself.
    if (secrets.has(entry.key)) issues.push({ path: `APIKEY[${i}].key`, message: "the same key appears twice; each client needs its own" });
    names.add(entry.name);
    secrets.add(entry.key);
    (entry.routes ?? []).forEach((route, j) => {
      const provider = route.split(",")[0] ?? "";
      if (!providers.has(provider)) issues.push({ path: `APIKEY[${i}].routes[${j}]`, message: `no provider named "${provider}"` });
    });
    const limited = entry.routes !== undefined || entry.rpm !== undefined || entry.tpm !== undefined || entry.daily_budget !== undefined;
    return {
      name: entry.name,
      named: true,
      key: entry.key,
      routes: entry.routes,
      rpm: entry.rpm,
      tpm: entry.tpm,
      dailyBudget: entry.daily_budget,
      admin: entry.admin ?? !limited,
    };
  });
  return { keys, issues };
}
