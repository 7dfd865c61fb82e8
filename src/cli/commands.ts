// The explicit list of commands, in the order `ccr help` shows them.
import { activateCommand } from "./activate.ts";
import type { Command } from "./command.ts";
import { configCommand } from "./config.ts";
import { helpCommand } from "./help.ts";
import { serveCommand } from "./serve.ts";
import { versionCommand } from "./version.ts";

const builtIn: readonly Command[] = [serveCommand, activateCommand, configCommand, versionCommand];

/** Every command ccr knows. */
export const commands: readonly Command[] = [...builtIn, helpCommand(builtIn)];
