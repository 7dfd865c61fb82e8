// The config being edited: loaded masked from the server, changed field by field, validated and saved as a whole.
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { apiJson, ApiError, errorText } from "./api.ts";
import { changedPaths, isObject, parseProblems, setAt, unsetAt, withoutProblemsAt, type Json, type KeyPath, type Problem } from "./config-doc.ts";

/** The config draft and what the config screens do with it. */
export interface Editor {
  /** The draft document (secrets masked as the server sent them). */
  doc: Json;
  /** Key paths changed since the last load or save. */
  changes: string[];
  /** Absolute path of the config file. */
  file: string;
  warnings: string[];
  /** Problems of the last validation or save, by key path. */
  problems: Problem[];
  /** `loading`, `ready`, `saving`, or an error message when loading failed. */
  state: string;
  /** One line about the last save. */
  notice: string;
  set(path: KeyPath, value: Json | undefined): void;
  replace(doc: Json): void;
  discard(): void;
  save(): Promise<void>;
  validate(doc: Json): Promise<Problem[]>;
  reload(): Promise<void>;
}

function toJson(value: unknown): Json {
  // The body came from JSON.parse, so it holds only JSON values.
  return value as Json;
}

/** State and actions for the config editor, shared by the Providers, Router and Settings screens. */
export function useEditor(): Editor {
  const [saved, setSaved] = useState<Json>({});
  const [doc, setDoc] = useState<Json>({});
  const [file, setFile] = useState("");
  const [warnings, setWarnings] = useState<string[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [state, setState] = useState("loading");
  const [notice, setNotice] = useState("");

  const reload = useCallback(async () => {
    try {
      const body = await apiJson("/api/config");
      const root = isObject(body) ? body : {};
      const config = toJson(root.config ?? {});
      setSaved(config);
      setDoc(config);
      setFile(typeof root.path === "string" ? root.path : "");
      setWarnings(Array.isArray(root.warnings) ? root.warnings.filter((w): w is string => typeof w === "string") : []);
      setState("ready");
    } catch (err) {
      setState(errorText(err));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const changes = useMemo(() => changedPaths(saved, doc), [saved, doc]);

  // Set once a save found the file changed on disk since it was loaded: the next Save overwrites it on purpose.
  const overwrite = useRef(false);

  /** The file as the server has it now, when it differs from what this page loaded (ccr model, an editor, another tab). */
  const changedOnDisk = async (): Promise<boolean> => {
    const body = await apiJson("/api/config");
    const current = toJson(isObject(body) ? (body.config ?? {}) : {});
    return changedPaths(saved, current).length > 0;
  };

  const save = async () => {
    setState("saving");
    setNotice("");
    try {
      if (!overwrite.current && (await changedOnDisk())) {
        overwrite.current = true;
        setState("ready");
        setNotice("Not saved: config.json changed since this page loaded it. Save again to overwrite those changes, or Discard to load them.");
        return;
      }
      overwrite.current = false;
      await apiJson("/api/config", { method: "PUT", body: doc });
      setProblems([]);
      await reload();
      setNotice("Saved; the server uses the new config now.");
    } catch (err) {
      setState("ready");
      if (err instanceof ApiError && err.problems.length > 0) {
        setProblems(err.problems);
        setNotice(`Not saved: ${err.problems.length} problem${err.problems.length === 1 ? "" : "s"} to fix.`);
      } else setNotice(`Not saved: ${errorText(err)}`);
    }
  };

  const validate = async (candidate: Json): Promise<Problem[]> => {
    try {
      const body = await apiJson("/api/config/validate", { method: "POST", body: candidate });
      const root = isObject(body) ? body : {};
      const found = Array.isArray(root.problems) ? parseProblems(root) : [];
      setProblems(found);
      return found;
    } catch (err) {
      const found = err instanceof ApiError && err.problems.length > 0 ? err.problems : [{ path: "", message: errorText(err) }];
      setProblems(found);
      return found;
    }
  };

  return {
    doc,
    changes,
    file,
    warnings,
    problems,
    state,
    notice,
    set: (path, value) => {
      setDoc((d) => (value === undefined ? unsetAt(d, path) : setAt(d, path, value)));
      setProblems((found) => withoutProblemsAt(found, path));
      setNotice("");
    },
    replace: (next) => {
      setDoc(next);
      setNotice("");
    },
    discard: () => {
      setDoc(saved);
      setProblems([]);
      setNotice("");
      // After a conflict the file on disk is newer than `saved`: show that one.
      if (overwrite.current) {
        overwrite.current = false;
        void reload();
      }
    },
    save,
    validate,
    reload,
  };
}
