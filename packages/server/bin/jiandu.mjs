#!/usr/bin/env node
// The `jiandu` command. TypeScript sources run through tsx (no build step for the server).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
