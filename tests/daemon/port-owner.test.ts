import { afterEach, describe, expect, test } from "bun:test";
import { describePortOwner, findPortOwner, listeningInodes, ownerFromLsof, ownerFromSs } from "../../src/daemon/port-owner.ts";

const PROC_NET_TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0D80 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 424242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0D80 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 555555 1 0000000000000000 20 4 30 10 -1
   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777777 1 0000000000000000 100 0 0 10 0
`;

const SS = `LISTEN 0      512        127.0.0.1:3456       0.0.0.0:*    users:(("python3",pid=4242,fd=3))
LISTEN 0      4096         0.0.0.0:8080       0.0.0.0:*    users:(("nginx",pid=99,fd=6),("nginx",pid=100,fd=6))
`;

let server: ReturnType<typeof Bun.serve> | undefined;
afterEach(() => {
  server?.stop(true);
  server = undefined;
});

describe("port owner parsers", () => {
  test("find the listening socket inode for a port in /proc/net/tcp, ignoring connections", () => {
    expect(listeningInodes(PROC_NET_TCP, 3456)).toEqual(["424242"]);
    expect(listeningInodes(PROC_NET_TCP, 8080)).toEqual(["777777"]);
    expect(listeningInodes(PROC_NET_TCP, 9999)).toEqual([]);
  });

  test("read the process name and PID from ss -ltnp", () => {
    expect(ownerFromSs(SS, 3456)).toEqual({ pid: 4242, name: "python3" });
    expect(ownerFromSs(SS, 8080)).toEqual({ pid: 99, name: "nginx" });
    expect(ownerFromSs(SS, 345)).toBeUndefined();
  });

  test("read the PID and command from lsof -F pc", () => {
    expect(ownerFromLsof("p321\ncnode\nf20\n")).toEqual({ pid: 321, name: "node" });
    expect(ownerFromLsof("")).toBeUndefined();
  });

  test("describe the owner with its PID, or say how to find it", () => {
    expect(describePortOwner(3456, { pid: 4242, name: "python3" })).toBe("port 3456 is held by python3 (pid 4242)");
    expect(describePortOwner(3456, undefined)).toContain("ss -ltnp");
  });
});

describe("findPortOwner", () => {
  test.skipIf(process.platform !== "linux")("names this process when it listens on the port", () => {
    server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const owner = findPortOwner(server.port ?? 0);
    expect(owner?.pid).toBe(process.pid);
  });
});
