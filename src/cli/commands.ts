// The explicit list of commands, in the order `ccr help` shows them.
import type { Command } from "./command.ts";
import { helpCommand } from "./help.ts";
import { serveCommand } from "./serve.ts";
import { versionCommand } from "./version.ts";

const builtIn: readonly Command[] = [serveCommand, versionCommand];

/** Every command ccr knows. */
export const commands: readonly Command[] = [...builtIn, helpCommand(builtIn)];
