// `npm run deploy:check [-- --help]`: the offline half of `forge deploy` (scripts/deploy/).
// Exit code 0 passed, 1 a step failed, 2 bad arguments or the check itself crashed.
import { parseDeployCheckArgs, runDeployCheck } from './deploy/deploy-check-cli';

const options = parseDeployCheckArgs(process.argv.slice(2), process.cwd(), process.env);
if (typeof options === 'string') {
  console.error(options);
  process.exitCode = options.startsWith('usage') ? 0 : 2;
} else {
  runDeployCheck(options, { out: console.log, err: console.error }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('deploy check crashed:', error);
      process.exitCode = 2;
    },
  );
}
