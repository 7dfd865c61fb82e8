// A mistake in how ccr was invoked: shown as one line on stderr, never with a stack trace.

/** The command line is wrong (unknown command or flag, bad flag value); exit code 1. */
export class UsageError extends Error {
  /** True when the command's `--help` is the place to look (an unknown flag with no close match, a stray argument). */
  readonly seeHelp: boolean;
  constructor(message: string, opts: { seeHelp?: boolean } = {}) {
    super(message);
    this.name = "UsageError";
    this.seeHelp = opts.seeHelp ?? false;
  }
}
