// A custom transformer for ccr: adds fixed parameters to every request body sent upstream.
// Config: "transformers": [{ "path": "~/.claude-code-router/add-header-param.ts", "options": { "params": { "user": "me" } } }]
// then "use": ["add-header-param"] on a provider (or ["add-header-param", {"params": {...}}] to override per use).

interface Options {
  params?: Record<string, unknown>;
}

/** Constructed by ccr with the entry's options (or the `use` item's options). */
export class AddHeaderParam {
  readonly name = "add-header-param";
  private readonly params: Record<string, unknown>;

  constructor(options: Options = {}) {
    this.params = options.params ?? {};
  }

  /** Runs on the wire body (OpenAI Chat, Gemini, ...) just before it is sent; returns a new object. */
  wireRequest(body: Record<string, unknown>): Record<string, unknown> {
    return { ...body, ...this.params };
  }
}
