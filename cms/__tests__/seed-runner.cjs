// `pnpm seed` for the tests, with Strapi loaded once: the same option parsing and the same import as
// cms/scripts/seed.cjs, run as often as the parent asks over IPC, against the database named by this
// process's environment. Loading Strapi takes 10–20 s; the import itself a few seconds.
const { withStrapi } = require('../scripts/in-process.cjs');
const { parseSeedArgs, seedLoaded } = require('../scripts/seed.cjs');

/** Runs `task` with stdout and stderr (console and Strapi's logger alike) captured; returns them. */
async function captured(task) {
  let output = '';
  const writes = [process.stdout.write, process.stderr.write];
  const capture = (chunk, encoding, callback) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { result: await task(), output: () => output };
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
}

/** One `pnpm seed <args>` with `env` set for its duration (SEEDS_DIR is read at each import). */
async function seedOnce(app, load, args, env) {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const { result, output } = await captured(async () => {
      const options = parseSeedArgs(args);
      if (options.error) {
        console.error(options.error);
        return 2;
      }
      return seedLoaded(app, load, options);
    });
    return { code: result, output: output() };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

withStrapi(
  (app, load) =>
    new Promise((resolve) => {
      process.on('message', async (message) => {
        if (message.type === 'stop') return resolve(0);
        try {
          process.send({ type: 'result', ...(await seedOnce(app, load, message.args, message.env)) });
        } catch (error) {
          process.send({ type: 'result', code: -1, output: String(error?.stack ?? error) });
        }
      });
      process.send({ type: 'ready' });
    }),
).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
