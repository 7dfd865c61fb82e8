// The client keys a config accepts, and which of them may use the admin API.
import type { ClientKey, CompiledConfig } from "../config/compiled.ts";
import type { AdminPolicy } from "./admin-guard.ts";

/** The accepted client keys; a config built without `clientKeys` falls back to `apiKey` as one unrestricted key. */
export function clientKeysOf(config: Pick<CompiledConfig, "apiKey" | "clientKeys">): readonly ClientKey[] {
  if (config.clientKeys) return config.clientKeys;
  if (!config.apiKey) return [];
  return [{ name: "default", named: false, key: config.apiKey, routes: undefined, rpm: undefined, tpm: undefined, dailyBudget: undefined, admin: true }];
}

/** The admin API needs a key whenever any key is configured, and only admin keys open it. */
export function adminPolicyOf(config: Pick<CompiledConfig, "apiKey" | "clientKeys">): AdminPolicy {
  const keys = clientKeysOf(config);
  return { authRequired: keys.length > 0, adminKeys: keys.filter((k) => k.admin).map((k) => k.key) };
}
