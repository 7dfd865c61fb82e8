// The explicit list of commands, in the order `ccr help` shows them.
import { activateCommand } from "./activate.ts";
import { codeCommand } from "./code.ts";
import type { Command } from "./command.ts";
import { configCommand } from "./config.ts";
import { helpCommand } from "./help.ts";
import { initCommand } from "./init.ts";
import { logsCommand } from "./logs.ts";
import { modelCommand } from "./model.ts";
import { restartCommand } from "./restart.ts";
import { serveCommand } from "./serve.ts";
import { startCommand } from "./start.ts";
import { statusCommand } from "./status.ts";
import { statuslineCommand } from "./statusline.ts";
import { stopCommand } from "./stop.ts";
import { uiCommand } from "./ui.ts";
import { usageCommand } from "./usage.ts";
import { versionCommand } from "./version.ts";

const builtIn: readonly Command[] = [initCommand, startCommand, stopCommand, restartCommand, statusCommand, logsCommand, serveCommand, codeCommand, uiCommand, activateCommand, configCommand, modelCommand, statuslineCommand, usageCommand, versionCommand];

/** Every command ccr knows. */
export const commands: readonly Command[] = [...builtIn, helpCommand(builtIn)];
