import { describe, expect, test } from "bun:test";
import { firstKey } from "../../src/ui/app/client-keys-editor.ts";

describe("firstKey", () => {
  test("takes this tab's key for a masked APIKEY it matches, since the server refuses a mask under another name", () => {
    expect(firstKey("****9Wm4", "ccr-client-key-Zq8Xv2Lp9Wm4")).toBe("ccr-client-key-Zq8Xv2Lp9Wm4");
  });

  test("leaves the key empty when the tab's key is not the stored one or there is none", () => {
    expect(firstKey("****9Wm4", "another-key-0000")).toBe("");
    expect(firstKey("****9Wm4", null)).toBe("");
  });

  test("keeps a $VAR reference or an unsaved typed key as it is, and starts empty without a key", () => {
    expect(firstKey("$CCR_KEY", null)).toBe("$CCR_KEY");
    expect(firstKey("typed-just-now", null)).toBe("typed-just-now");
    expect(firstKey(undefined, "ccr-client-key-Zq8Xv2Lp9Wm4")).toBe("");
  });
});
