import './zod-config';
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { MantineProvider } from '@mantine/core';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureToken } from './api';
import { App } from './App';
import { initI18n } from './i18n';
import { theme } from './theme';

captureToken();
// The shell serving index.html writes a fresh nonce here; the CSP admits only <style> elements carrying it.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="spillover-style-nonce"]')?.content ?? '';
// Mantine's scroll lock (react-remove-scroll) injects its own <style>; it takes the nonce from get-nonce.
setNonce(styleNonce);

void initI18n().then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} getStyleNonce={() => styleNonce}>
        <App />
      </MantineProvider>
    </StrictMode>,
  );
});
