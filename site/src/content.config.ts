import { defineCollection } from 'astro:content';
import { collections as model, type CollectionKey } from '@tcci/schemas';
import { planLoader } from './lib/loader.ts';

// One Astro collection per collection of the content model, each filled by the GraphQL loader:
// the list is the model's, so a collection added there is loaded here without a second list.
// The entries are parsed with the model's zod schemas (in the loader and again when read), so no
// second schema is written here either.
const keys = Object.keys(model) as CollectionKey[];

export const collections = Object.fromEntries(
  keys.map((key) => [key, defineCollection({ loader: planLoader(key) })]),
) as Record<CollectionKey, ReturnType<typeof defineCollection>>;
