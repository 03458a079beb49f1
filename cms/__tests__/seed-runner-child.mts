// `pnpm seed` for the tests, with Strapi loaded once: the same option parsing and the same import as
// cms/scripts/seed.mts, run as often as the parent (seed-runner.ts) asks over IPC, against the database
// named by this process's environment. Loading Strapi takes 10–20 s; the import itself a few seconds.
import type { Core } from '@strapi/strapi';
import { withStrapi } from '../scripts/in-process.mts';
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

/** One `pnpm seed <args>` with `env` set for its duration (SEEDS_DIR is read at each import). */
async function seedOnce(
  app: Core.Strapi,
  load: (name: string) => unknown,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const { result, output } = await captured(async () => {
      const options = parseSeedArgs(args);
      if ('error' in options) {
        console.error(options.error);
        return 2;
      }
      return seedLoaded(app, load, options);
    });
    return { code: result, output };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

interface Message {
  type: 'seed' | 'stop';
  args?: string[];
  env?: Record<string, string>;
}

const send = (message: object) => process.send?.(message);

withStrapi(
  (app, load) =>
    new Promise<number>((resolve) => {
      process.on('message', (message: Message) => {
        if (message.type === 'stop') return resolve(0);
        seedOnce(app, load, message.args ?? [], message.env ?? {}).then(
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
