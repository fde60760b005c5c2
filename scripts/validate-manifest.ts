// `npm run lint:manifest [-- <appDir>]`: offline manifest validation (see scripts/manifest/).
// Prints warnings and errors as file:line:col; exits 1 on any error, 2 if the check itself crashed.
import { runManifestCheck } from './manifest/manifest-check-cli';

runManifestCheck(process.argv.slice(2), { out: console.log, err: console.error }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('manifest check crashed:', error);
    process.exitCode = 2;
  },
);
