// The bundled UI that scripts/build.ts injects with `define`; absent when running from source.

/** Script and stylesheet of the web UI; read through `typeof` because it is undeclared at run time from source. */
declare const CCR_UI_ASSETS: { js: string; css: string } | undefined;
