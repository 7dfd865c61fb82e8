// Options schema of transformers that take none (CCR "instance" transformers): nothing, or an empty object.
import * as v from "valibot";

export const noOptions = v.optional(v.strictObject({}, "no options"));
