import { App } from './app.js';
import './style.css';

const root = document.getElementById('app')!;
new App(root).start().catch((e: unknown) => {
  root.textContent = `Parapet could not start: ${e instanceof Error ? e.message : String(e)}. Is \`parapet serve\` running?`;
});
