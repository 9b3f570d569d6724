import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

// `npm run dev:mock` runs the UI in a plain browser against an in-memory backend. The mode is
// a build-time constant, so production bundles contain neither this branch nor the mock.
if (import.meta.env.MODE === 'mock') {
  const { installMockBackend } = await import('./dev/mockBackend');
  installMockBackend({ empty: new URLSearchParams(window.location.search).has('empty') });
}

export default mount(App, { target });
