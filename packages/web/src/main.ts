import { startApp } from './app.js';
import './style.css';

const root = document.getElementById('app')!;
startApp(root).catch((e: unknown) => {
  root.textContent = `Parapet could not start: ${e instanceof Error ? e.message : String(e)}. Is \`parapet serve\` running?`;
});
