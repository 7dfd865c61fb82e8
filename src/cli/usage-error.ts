// A mistake in how ccr was invoked: shown as one line on stderr, never with a stack trace.

/** The command line is wrong (unknown command or flag, bad flag value); exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
