import { describe, expect, test } from "bun:test";
import { parsePrometheus, sampleValue } from "./prometheus.ts";

const GOOD = `# HELP reqs_total Requests.
# TYPE reqs_total counter
reqs_total{code="200",path="/a \\"q\\" \\\\ x\\ny"} 3
reqs_total{code="500"} 1.5e1
# TYPE lat histogram
lat_bucket{le="0.5"} 1
lat_bucket{le="+Inf"} 2
lat_sum 0.9
lat_count 2
`;

describe("parsePrometheus", () => {
  test("reads families, labels with escapes, values and histograms", () => {
    const families = parsePrometheus(GOOD);
    expect(families.get("reqs_total")?.type).toBe("counter");
    expect(families.get("reqs_total")?.help).toBe("Requests.");
    expect(sampleValue(families, "reqs_total", { path: '/a "q" \\ x\ny' })).toBe(3);
    expect(sampleValue(families, "reqs_total", { code: "500" })).toBe(15);
    expect(sampleValue(families, "lat_bucket", { le: "+Inf" })).toBe(2);
  });

  test.each([
    ["a sample without a TYPE", "x 1\n"],
    ["a bad value", "# TYPE x gauge\nx one\n"],
    ["an unquoted label", "# TYPE x gauge\nx{a=b} 1\n"],
    ["a duplicate series", "# TYPE x gauge\nx 1\nx 2\n"],
    ["a missing final newline", "# TYPE x gauge\nx 1"],
    ["split samples of one family", "# TYPE x gauge\n# TYPE y gauge\nx 1\n"],
    ["a histogram whose count differs from +Inf", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"],
    ["decreasing buckets", "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n"],
    ["a bad escape", '# TYPE x gauge\nx{a="\\t"} 1\n'],
  ])("rejects %s", (_what, text) => {
    expect(() => parsePrometheus(text)).toThrow();
  });
});
