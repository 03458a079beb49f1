// `pnpm seed` and `pnpm export` for the tests, with Strapi loaded once: the same option parsing and the
// same work as cms/scripts/seed.mts and cms/scripts/export.mts, run as often as the parent
// (command-runner.ts) asks over IPC, against the database named by this process's environment.
// Loading Strapi takes 10–20 s; an import or an export itself a few seconds.
import type { Core } from '@strapi/strapi';
import { withStrapi } from '../scripts/in-process.mts';
import { exportLoaded, parseExportArgs } from '../scripts/export.mts';
import { parseSeedArgs, seedLoaded } from '../scripts/seed.mts';

type Write = typeof process.stdout.write;

/** Runs `task` with stdout and stderr (console and Strapi's logger alike) captured; returns them. */
async function captured<T>(task: () => Promise<T>): Promise<{ result: T; output: string }> {
  let output = '';
  // Both streams' own write methods, bound, to put back afterwards.
  const writes = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)] as const;
  const capture = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    if (typeof encoding === 'function') (encoding as () => void)();
    else if (typeof callback === 'function') (callback as () => void)();
    return true;
  }) as Write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    const result = await task();
    return { result, output };
  } finally {
    process.stdout.write = writes[0];
    process.stderr.write = writes[1];
  }
}

type Command = 'seed' | 'export';

/** What one command does with Strapi loaded, given its arguments: its exit code. */
const commands: Record<
  Command,
  (app: Core.Strapi, load: (name: string) => unknown, args: string[]) => Promise<number>
> = {
  async seed(app, load, args) {
    const options = parseSeedArgs(args);
    if ('error' in options) {
      console.error(options.error);
      return 2;
    }
    return seedLoaded(app, load, options);
  },
  async export(app, load, args) {
    const options = parseExportArgs(args);
    if ('error' in options) {
      console.error(options.error);
      return options.code;
    }
    return exportLoaded(app, load, options);
  },
};

/** One `pnpm <command> <args>` with `env` set for its duration (SEEDS_DIR is read at each run). */
async function runOnce(
  app: Core.Strapi,
  load: (name: string) => unknown,
  command: Command,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const { result, output } = await captured(() => commands[command](app, load, args));
    return { code: result, output };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

interface Message {
  type: Command | 'stop';
  args?: string[];
  env?: Record<string, string>;
}

const send = (message: object) => process.send?.(message);

withStrapi(
  (app, load) =>
    new Promise<number>((resolve) => {
      process.on('message', (message: Message) => {
        if (message.type === 'stop') return resolve(0);
        runOnce(app, load, message.type, message.args ?? [], message.env ?? {}).then(
          (result) => send({ type: 'result', ...result }),
          (error: unknown) =>
            send({ type: 'result', code: -1, output: String(error instanceof Error ? error.stack : error) }),
        );
      });
      send({ type: 'ready' });
    }),
).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
