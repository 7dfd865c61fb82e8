// Constants that scripts/build.ts injects with `define`; absent when running from source.

/** The git short sha of the build, e.g. `"67e4377"`; read through `typeof` because it is undeclared at run time from source. */
declare const CCR_COMMIT: string | undefined;
