import { startEmulator } from './index';
import type { SeedName } from './seed';

/**
 * `npx tsx emulator/cli.ts [--port N] [--seed default|large|empty] [--token-ttl S] [--no-rate-limit]`.
 * Prints exactly one JSON line on stdout when ready (the only place secrets are printed);
 * everything else goes to stderr.
 */
function parseArgs(argv: string[]): { port: number; seed: SeedName; tokenTtlSeconds?: number; rateLimit?: false } {
  const out: { port: number; seed: SeedName; tokenTtlSeconds?: number; rateLimit?: false } = { port: 0, seed: 'default' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0–65535');
        out.port = port;
        break;
      }
      case '--seed': {
        const seed = value();
        if (seed !== 'default' && seed !== 'large' && seed !== 'empty') throw new Error('--seed must be default, large or empty');
        out.seed = seed;
        break;
      }
      case '--token-ttl':
        out.tokenTtlSeconds = Number(value());
        break;
      case '--no-rate-limit':
        out.rateLimit = false;
        break;
      default:
        throw new Error(`Unknown argument ${arg}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator(args);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[emulator] ${signal}: stopping\n`);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Handlers first, so a signal sent right after the ready line is handled cleanly.
  process.stdout.write(`${JSON.stringify(emulator.readyInfo())}\n`);
  process.stderr.write(`[emulator] seed "${args.seed}" listening on ${emulator.baseUrl}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[emulator] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
