// The explicit list of commands, in the order `ccr help` shows them; each module loads only when it is used.
import type { CommandSource } from "./command.ts";
import { helpCommand } from "./help.ts";

const builtIn: readonly CommandSource[] = [
  { name: "init", load: async () => (await import("./init.ts")).initCommand },
  { name: "start", load: async () => (await import("./start.ts")).startCommand },
  { name: "stop", load: async () => (await import("./stop.ts")).stopCommand },
  { name: "restart", load: async () => (await import("./restart.ts")).restartCommand },
  { name: "status", load: async () => (await import("./status.ts")).statusCommand },
  { name: "logs", load: async () => (await import("./logs.ts")).logsCommand },
  { name: "serve", load: async () => (await import("./serve.ts")).serveCommand },
  { name: "code", load: async () => (await import("./code.ts")).codeCommand },
  { name: "ui", load: async () => (await import("./ui.ts")).uiCommand },
  { name: "activate", load: async () => (await import("./activate.ts")).activateCommand },
  { name: "config", load: async () => (await import("./config.ts")).configCommand },
  { name: "model", load: async () => (await import("./model.ts")).modelCommand },
  { name: "statusline", load: async () => (await import("./statusline.ts")).statuslineCommand },
  { name: "usage", load: async () => (await import("./usage.ts")).usageCommand },
  { name: "version", aliases: ["--version", "-v"], load: async () => (await import("./version.ts")).versionCommand },
];

/** Every command ccr knows. */
export const commands: readonly CommandSource[] = [...builtIn, helpCommand(builtIn)];
