// Why `ccr serve` could not listen, as one line that says what to change (never "unexpected error: EADDRINUSE").
import { describePortOwner, findPortOwner } from "../daemon/port-owner.ts";
import { DaemonError } from "../errors.ts";

function errorCode(err: unknown): unknown {
  return err instanceof Error && "code" in err ? err.code : undefined;
}

/** A DaemonError for the bind errors a user can fix (port taken, foreign address, privileged port); other errors as they are. */
export function listenFailure(err: unknown, host: string, port: number): unknown {
  const where = `cannot listen on ${host.includes(":") ? `[${host}]` : host}:${port}`;
  switch (errorCode(err)) {
    case "EADDRINUSE":
      return new DaemonError(`${where}: ${describePortOwner(port, findPortOwner(port))}; stop that program, or use another port (--port N, or PORT in config.json)`);
    case "EADDRNOTAVAIL":
      return new DaemonError(`${where}: ${host} is not an address of this machine; set HOST in config.json (or --host) to one of its addresses, or 0.0.0.0 for all`);
    case "EACCES":
      return new DaemonError(`${where}: permission denied (ports below 1024 need privileges); use a port from 1024 up (--port N, or PORT in config.json)`);
    case "EAFNOSUPPORT":
      return new DaemonError(`${where}: this machine does not support that address family; set HOST in config.json (or --host) to an IPv4 address`);
    default:
      return err;
  }
}
