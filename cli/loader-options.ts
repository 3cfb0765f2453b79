/** Loader settings a command line sets once per run (`--allow-implausible`); apart so that `--help` loads no parser. */
export const loaderOptions = { allowImplausible: false };
