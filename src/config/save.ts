// Writes config.json atomically (temp file + rename, mode 0600) after backing up the previous file; keeps 3 backups.
import { randomUUID } from "node:crypto";
import { chmod, copyFile, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError, describeError } from "../errors.ts";

export interface SaveOptions {
  /** Timestamp of the backup name (tests pass one to get distinct names). */
  now?: Date;
  /** How many backups to keep (CCR v1 keeps 3). */
  keepBackups?: number;
}

export interface SaveResult {
  /** The copy of the previous file, if there was one. */
  backupPath: string | undefined;
}

/** `config.json.2025-12-04T20-49-00-332Z.bak`: CCR v1's backup name. */
export function backupName(file: string, now: Date): string {
  return `${file}.${now.toISOString().replace(/[:.]/g, "-")}.bak`;
}

function isMissingFile(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "ENOENT";
}

async function backup(path: string, now: Date): Promise<string | undefined> {
  const target = backupName(path, now);
  try {
    await copyFile(path, target);
  } catch (err) {
    if (isMissingFile(err)) return undefined;
    throw err;
  }
  await chmod(target, 0o600);
  return target;
}

async function pruneBackups(path: string, keep: number): Promise<void> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const backups = (await readdir(dir))
    .filter((name) => name.startsWith(prefix) && name.endsWith(".bak"))
    .sort()
    .reverse();
  await Promise.all(backups.slice(keep).map((name) => rm(join(dir, name), { force: true })));
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Saves a config document (the raw one: `$VAR` placeholders, never resolved secrets) as pretty JSON. */
export async function saveConfig(path: string, document: unknown, options: SaveOptions = {}): Promise<SaveResult> {
  const text = JSON.stringify(document, null, 2);
  if (text === undefined) throw new ConfigError(`Cannot save ${path}: the document is not JSON`);
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const backupPath = await backup(path, options.now ?? new Date());
    await pruneBackups(path, options.keepBackups ?? 3);
    await writeAtomically(path, `${text}\n`);
    return { backupPath };
  } catch (err) {
    throw new ConfigError(`Cannot save ${path}: ${describeError(err)}`);
  }
}
