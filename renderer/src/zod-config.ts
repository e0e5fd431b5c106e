/**
 * Must be the first import of main.tsx: zod 4 probes `new Function` to compile fast parsers, which the CSP
 * (no 'unsafe-eval') blocks and reports as a violation. Jitless parsing is plenty fast for API payloads.
 */
import { z } from 'zod';

z.config({ jitless: true });
