import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('svelte/compiler').CompileOptions & { preprocess: unknown }} */
export default {
  // TypeScript in <script lang="ts"> is stripped by the preprocessor; types are checked by svelte-check.
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
};
