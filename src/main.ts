#!/usr/bin/env bun
// The executable's entry: argv → one command → exit code. The only process.exit in ccr.
import { processIo } from "./cli/process-io.ts";
import { runCli } from "./cli/run-cli.ts";

process.exit(await runCli(process.argv.slice(2), processIo()));
