/** Entry point bundled to dist/cli.js (`pingone-sync-lint`). */
import { runCli } from './main';
import { reportStream } from './reportStream';

runCli(process.argv.slice(2), { stdout: reportStream(process.stdout), stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pingone-sync-lint: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
);
