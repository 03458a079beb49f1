import { ensureCmsBuild } from '../scripts/process.mts';

/** Compiles the server code and builds the admin panel if needed, as `start` does. */
export default async function setup(): Promise<void> {
  await ensureCmsBuild();
}
